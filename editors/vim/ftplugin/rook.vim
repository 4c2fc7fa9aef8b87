" Vim filetype plugin for the rook storage language (rookc)
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal shiftwidth=2 softtabstop=2 expandtab
" Identifiers contain `-` (`loki-chunks`, `abort-uploads`): make `*`, `w`
" and completion treat them as one word.
setlocal iskeyword+=-
setlocal formatoptions-=t formatoptions+=croql

let b:undo_ftplugin = 'setlocal commentstring< comments< shiftwidth< softtabstop< expandtab< iskeyword< formatoptions<'
