" Headless checks of the Vim support, run by editors/test:
"
"   vim -Nu NONE -i NONE -es -S editors/vim/tests/run.vim
"
" 1. Syntax assertions: each editors/vim/tests/*.rook holds rook source and,
"    under a source line, assertion lines in the format of
"    vscode-tmgrammar-test: `# ^^^ rookKey` says that the columns under the
"    carets have the syntax group rookKey (the innermost item, as synID()
"    gives it); `# <--- rookKey` says the same of the line's first columns.
"    Assertion lines are removed before highlighting.
" 2. ftdetect and ftplugin: a *.rook file gets filetype rook and its options.
" 3. Every non-blank character of examples/ and tests/ui/ has a syntax
"    group, and rookBadEscape appears only where an E0102 error is expected.
" 4. Each example, with its indentation removed, gets it back from gg=G.
" 5. Highlight links: a declared name shows as Type, a reference to it as
"    Identifier, in every colour scheme.
"
" Writes one line per failure and a summary `N passed, M failed` to the
" file named by $ROOK_VIM_REPORT (appending), or to /dev/stdout; exits
" non-zero when anything failed.

let s:root = fnamemodify(expand('<sfile>:p'), ':h:h:h:h')
let s:vimdir = s:root . '/editors/vim'
execute 'set runtimepath^=' . fnameescape(s:vimdir)
filetype plugin indent on
syntax on
set nomore noswapfile hidden

let s:passed = 0
let s:failed = 0
let s:out = []

function! s:Check(ok, message) abort
  if a:ok
    let s:passed += 1
  else
    let s:failed += 1
    call add(s:out, 'FAIL ' . a:message)
  endif
endfunction

function! s:Group(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name')
endfunction

function! s:Relative(path) abort
  return a:path[len(s:root) + 1 :]
endfunction

" 1. Syntax assertions
for s:file in sort(glob(s:vimdir . '/tests/*.rook', 0, 1))
  let s:source = []
  let s:assertions = []
  let s:number = 0
  for s:line in readfile(s:file)
    let s:number += 1
    let s:up = matchlist(s:line, '^#\(\s*\)\(\^\+\)\s\+\(\S\+\)\s*$')
    let s:left = matchlist(s:line, '^#\s*<\(-\+\)\s\+\(\S\+\)\s*$')
    if !empty(s:up)
      let s:from = 1 + len(s:up[1])
      call add(s:assertions, [len(s:source), s:from, s:from + len(s:up[2]) - 1, s:up[3], s:number])
    elseif !empty(s:left)
      call add(s:assertions, [len(s:source), 0, len(s:left[1]) - 1, s:left[2], s:number])
    elseif s:line =~# '^#\s*\%(\^\|<-\)'
      call s:Check(0, s:Relative(s:file) . ':' . s:number . ': cannot read assertion: ' . s:line)
    else
      call add(s:source, s:line)
    endif
  endfor
  enew!
  call setline(1, s:source)
  setfiletype rook
  for [s:lnum, s:first, s:last, s:expected, s:number] in s:assertions
    let s:actual = map(range(s:first + 1, s:last + 1), 's:Group(s:lnum, v:val)')
    let s:wrong = filter(copy(s:actual), 'v:val !=# s:expected')
    call s:Check(s:lnum > 0 && empty(s:wrong),
          \ printf('%s:%d: expected %s, got %s in `%s`', s:Relative(s:file), s:number,
          \ s:expected, join(s:actual, ' '), s:lnum > 0 ? getline(s:lnum) : ''))
  endfor
  bwipeout!
endfor

" 2. ftdetect and ftplugin
execute 'edit ' . fnameescape(s:root . '/examples/bucket/bucket.rook')
call s:Check(&filetype ==# 'rook', 'ftdetect: filetype of a *.rook file is "' . &filetype . '"')
call s:Check(&l:commentstring ==# '# %s', 'ftplugin: commentstring is "' . &l:commentstring . '"')
call s:Check(&l:comments ==# ':#', 'ftplugin: comments is "' . &l:comments . '"')
call s:Check(&l:shiftwidth == 2 && &l:expandtab, 'ftplugin: shiftwidth=2 expandtab')
call s:Check(&l:iskeyword =~# '\%(^\|,\)-\%(,\|$\)', 'ftplugin: iskeyword has "-": ' . &l:iskeyword)
call s:Check(&l:indentexpr =~# 'GetRookIndent', 'indent: indentexpr is "' . &l:indentexpr . '"')
call s:Check(get(b:, 'current_syntax', '') ==# 'rook', 'syntax: b:current_syntax is rook')
bwipeout!

" 3. Every character of the repository's rook files has a group
let s:files = sort(glob(s:root . '/examples/**/*.rook', 0, 1) + glob(s:root . '/tests/ui/**/*.rook', 0, 1))
for s:file in s:files
  execute 'edit ' . fnameescape(s:file)
  let s:bad_escape_expected = search('^# expect = .*"E0102"', 'nw') > 0
  let s:stray_expected = search('^# expect = .*"E010[13]"', 'nw') > 0
  let s:problems = []
  for s:lnum in range(1, line('$'))
    let s:text = getline(s:lnum)
    for s:col in range(1, len(s:text))
      if s:text[s:col - 1] =~# '\s'
        continue
      endif
      let s:name = s:Group(s:lnum, s:col)
      if s:name ==# '' || (s:name ==# 'rookBadEscape' && !s:bad_escape_expected)
            \ || (s:name ==# 'rookStray' && !s:stray_expected)
        call add(s:problems, printf('%d:%d %s', s:lnum, s:col, s:name ==# '' ? 'no group' : s:name))
      endif
    endfor
  endfor
  call s:Check(empty(s:problems), 'coverage: ' . s:Relative(s:file) . ': ' . join(s:problems[:4], ', '))
  bwipeout!
endfor

" 4. Indentation of the examples
for s:file in sort(glob(s:root . '/examples/**/*.rook', 0, 1))
  execute 'edit ' . fnameescape(s:file)
  let s:before = getline(1, '$')
  silent! %substitute/^\s\+//
  silent normal! gg=G
  let s:after = getline(1, '$')
  let s:diff = filter(range(len(s:before)), 's:before[v:val] !=# s:after[v:val]')
  call s:Check(empty(s:diff), 'indent: ' . s:Relative(s:file) . ' changes at line ' .
        \ join(map(s:diff[:2], '(v:val + 1) . ": " . string(s:after[v:val])'), ', '))
  bwipeout!
endfor

" 5. Highlight links, at a declared name and at a reference to it
execute 'edit ' . fnameescape(s:root . '/examples/bucket/bucket.rook')
for [s:pattern, s:expected] in [['^objectstore \zs\h', 'Type'], ['store\s*=\s*\zs\h', 'Identifier']]
  let [s:lnum, s:col] = searchpos(s:pattern, 'cw')
  let s:shown = synIDattr(synIDtrans(synID(s:lnum, s:col, 1)), 'name')
  call s:Check(s:lnum > 0 && s:shown ==# s:expected,
        \ printf('links: `%s` in examples/bucket/bucket.rook shows as %s, not %s', s:pattern, s:shown, s:expected))
endfor
bwipeout!

call add(s:out, printf('vim: %d passed, %d failed', s:passed, s:failed))
call writefile(s:out, empty($ROOK_VIM_REPORT) ? '/dev/stdout' : $ROOK_VIM_REPORT, 'a')
if s:failed
  cquit 1
endif
qall!
