" Vim syntax file
" Language: rook, the storage language of rookc (*.rook)
"
" Follows grammar/rook.pest. Words are keywords only where the grammar
" expects them: `namespace = "x"` and `caps { user = read }` are attribute
" keys, `allow` is a keyword inside `policy { }` only. So every keyword is a
" `syn match` built from the lists below, inside the region where it counts.
" tests/editors.rs reads the lists between the `keywords:` markers and
" compares them with the pest grammar's keyword rules.

if exists('b:current_syntax')
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" keywords: begin
let s:declaration_keywords = ['objectstore', 'filesystem', 'subvolumegroup', 'blockpool', 'blockclass', 'snapshotclass', 'account', 'user', 'bucketclass', 'fileclass', 'bucket', 'volume', 'snapshot', 'topic', 'notification', 'client']
let s:group_keywords = ['namespace']
let s:settings_keywords = ['rook']
let s:policy_block_keywords = ['policy']
let s:lifecycle_block_keywords = ['lifecycle']
let s:policy_keywords = ['allow', 'deny', 'on']
let s:principal_keywords = ['anyone']
let s:lifecycle_keywords = ['after', 'to']
let s:boolean_keywords = ['true', 'false']
let s:attribute_keywords = ['@allow']
" keywords: end

" Identifiers contain `-`, so `\<` would find `user` in `user-x`.
let s:before = '\%([[:alnum:]_-]\)\@1<!'
let s:after = '\%([[:alnum:]_-]\)\@!'
let s:ident = '\h[[:alnum:]_-]*'

function! s:Words(words) abort
  return s:before . '\%(' . join(a:words, '\|') . '\)' . s:after
endfunction

function! s:Match(group, pattern, rest) abort
  execute 'syntax match' a:group string(a:pattern) a:rest
endfunction

syntax case match
syntax sync fromstart

" Any other character at the top level is a mistake the parser reports
" (E0101) or a hidden character (E0103). Defined first, so that every
" other item wins over it.
syntax match rookStray "\S"

" Everywhere
syntax keyword rookTodo contained TODO FIXME XXX NOTE
syntax match rookComment "#.*$" contains=rookTodo,@Spell
syntax region rookString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=rookBadEscape,rookEscape
syntax match rookBadEscape contained "\\.\="
syntax match rookEscape contained +\\["\\ntr]+
syntax match rookOperator "="
syntax match rookComma ","

" Values
call s:Match('rookNumber', s:before . '-\=\d[0-9_]*\%(\.\d\+\)\=\a*', 'contains=rookUnit')
syntax match rookUnit contained "\a\+"
call s:Match('rookReference', s:before . s:ident, '')
call s:Match('rookBoolean', s:Words(s:boolean_keywords), '')
syntax region rookList matchgroup=rookDelimiter start="\[" end="\]" contains=rookComment,@rookValue
syntax cluster rookValue contains=rookString,rookNumber,rookBoolean,rookList,rookReference,rookComma,rookOperator

" `key = value`, `"quoted.key" = value`, `key { entries }`
call s:Match('rookBlockName', s:before . s:ident . '\ze\s*{', 'contained nextgroup=rookBlockBody skipwhite')
call s:Match('rookKey', s:before . s:ident . '\ze\s*=', '')
syntax match rookQuotedKey +"\%([^"\\]\|\\.\)*"\ze\s*=+ contains=rookBadEscape,rookEscape
syntax region rookBlockBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookKey,rookQuotedKey,@rookValue fold

" `policy { allow grafana read on "index/" }`
call s:Match('rookBlockKeyword', s:Words(s:policy_block_keywords) . '\ze\s*\%({\|#\|$\)', 'contained nextgroup=rookPolicyBody skipwhite skipnl skipempty')
syntax region rookPolicyBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookString,rookSuppression,rookPolicyList,rookReference,rookPolicyKeyword,rookPrincipalKeyword fold
call s:Match('rookPolicyKeyword', s:Words(s:policy_keywords), 'contained')
call s:Match('rookPrincipalKeyword', s:Words(s:principal_keywords), 'contained')
syntax region rookPolicyList contained matchgroup=rookDelimiter start="\[" end="\]" contains=rookComment,rookString,rookComma,rookReference,rookPrincipalKeyword

" `lifecycle { expire "tmp/" after 1d  transition after 30d to "COLD" }`
call s:Match('rookBlockKeyword', s:Words(s:lifecycle_block_keywords) . '\ze\s*\%({\|#\|$\)', 'contained nextgroup=rookLifecycleBody skipwhite skipnl skipempty')
syntax region rookLifecycleBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookString,rookNumber,rookLifecycleAction,rookLifecycleKeyword,rookRuleOptions fold
" `{ id = "..."  tags { env = "dev" } }` after a lifecycle rule
syntax region rookRuleOptions contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookBlockName,rookKey,rookQuotedKey,@rookValue
call s:Match('rookLifecycleAction', s:before . s:ident, 'contained')
call s:Match('rookLifecycleKeyword', s:Words(s:lifecycle_keywords), 'contained')

" `KIND NAME { ... }`: the name on the keyword's line
call s:Match('rookDeclarationKeyword', s:Words(s:declaration_keywords) . '\ze\s\+\h', 'nextgroup=rookDeclarationName skipwhite')
call s:Match('rookDeclarationName', s:ident, 'contained nextgroup=rookDeclarationBody skipwhite skipnl skipempty')
syntax region rookDeclarationBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookBlockKeyword,rookBlockName,rookKey,rookQuotedKey,@rookValue fold

" `namespace "NAME" { defaults and declarations }`
call s:Match('rookGroupKeyword', s:Words(s:group_keywords) . '\ze\s*"', 'nextgroup=rookGroupName skipwhite')
syntax region rookGroupName contained start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=rookBadEscape,rookEscape nextgroup=rookGroupBody skipwhite skipnl skipempty
syntax region rookGroupBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookSuppression,rookDeclarationKeyword,rookBlockName,rookKey,@rookValue fold

" `rook { obc_fields = [...] }`: program settings
call s:Match('rookSettingsKeyword', s:Words(s:settings_keywords) . '\ze\s*\%({\|#\|$\)', 'nextgroup=rookSettingsBody skipwhite skipnl skipempty')
syntax region rookSettingsBody contained matchgroup=rookBrace start="{" end="}" contains=rookComment,rookKey,@rookValue fold

" `@allow(lint-name, ...)`
call s:Match('rookSuppression', s:before . '\%(' . join(s:attribute_keywords, '\|') . '\)' . s:after, 'nextgroup=rookSuppressionArgs skipwhite skipnl skipempty')
syntax region rookSuppressionArgs contained matchgroup=rookDelimiter start="(" end=")" contains=rookComment,rookComma,rookLintName
call s:Match('rookLintName', s:before . s:ident, 'contained')

highlight default link rookStray Error
highlight default link rookTodo Todo
highlight default link rookComment Comment
highlight default link rookString String
highlight default link rookGroupName String
highlight default link rookEscape SpecialChar
highlight default link rookBadEscape Error
highlight default link rookOperator Operator
highlight default link rookComma Delimiter
highlight default link rookDelimiter Delimiter
highlight default link rookBrace Delimiter
highlight default link rookNumber Number
highlight default link rookUnit Type
highlight default link rookBoolean Boolean
highlight default link rookReference Identifier
highlight default link rookKey Identifier
highlight default link rookQuotedKey String
highlight default link rookBlockName Identifier
highlight default link rookBlockKeyword Keyword
highlight default link rookPolicyKeyword Keyword
highlight default link rookPrincipalKeyword Constant
highlight default link rookLifecycleAction Function
highlight default link rookLifecycleKeyword Keyword
highlight default link rookDeclarationKeyword StorageClass
highlight default link rookSettingsKeyword Keyword
" A declared name is a type of its own colour, not a reference (Identifier).
highlight default link rookDeclarationName Type
highlight default link rookGroupKeyword Keyword
highlight default link rookSuppression PreProc
highlight default link rookLintName Constant

let b:current_syntax = 'rook'
let &cpo = s:cpo_save
unlet s:cpo_save
