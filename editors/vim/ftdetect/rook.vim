" rook storage language (rookc): *.rook files
autocmd BufRead,BufNewFile *.rook setfiletype rook
