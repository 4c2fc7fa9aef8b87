" Vim indent file for the rook storage language (rookc): one 'shiftwidth'
" per open brace, bracket or parenthesis.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetRookIndent(v:lnum)
setlocal indentkeys=0{,0},0],0),!^F,o,O
setlocal nolisp nosmartindent autoindent

let b:undo_indent = 'setlocal indentexpr< indentkeys< lisp< smartindent< autoindent<'

if exists('*GetRookIndent')
  finish
endif

" The line without its strings and its comment.
function! s:Code(line) abort
  let code = substitute(a:line, '"\%([^"\\]\|\\.\)*"', 's', 'g')
  " An unterminated string runs to the end of the line.
  let code = substitute(code, '".*$', '', '')
  return substitute(code, '#.*$', '', '')
endfunction

function! GetRookIndent(lnum) abort
  let prev = prevnonblank(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let code = s:Code(getline(prev))
  " Closers at the start of the previous line were already dedented there.
  let code = substitute(code, '^\s*[}\])]*', '', '')
  let opens = len(substitute(code, '[^{[(]', '', 'g'))
  let closes = len(substitute(code, '[^}\])]', '', 'g'))
  let ind = indent(prev) + (opens - closes) * shiftwidth()
  if getline(a:lnum) =~# '^\s*[}\])]'
    let ind -= shiftwidth()
  endif
  return max([ind, 0])
endfunction
