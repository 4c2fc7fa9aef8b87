; Highlights for rook (*.rook), with the capture names of `tree-sitter
; highlight`, Neovim and Zed. editors/helix/runtime/queries/rook/ holds the
; same patterns with Helix's names. No node is captured by two patterns
; (editors differ on which of two wins), so the order does not matter.

(comment) @comment

[
  "objectstore"
  "filesystem"
  "subvolumegroup"
  "blockpool"
  "blockclass"
  "snapshotclass"
  "account"
  "user"
  "bucketclass"
  "fileclass"
  "bucket"
  "volume"
  "snapshot"
  "topic"
  "notification"
  "client"
  "namespace"
  "rook"
  "policy"
  "lifecycle"
  "allow"
  "deny"
  "on"
  "after"
  "to"
] @keyword

(anyone) @constant.builtin

[
  "true"
  "false"
] @boolean

"@allow" @attribute

(suppression
  lint: (identifier) @attribute)

; A declared name differs from a reference to it.
(declaration
  name: (identifier) @type)

(attribute
  key: (identifier) @property)

(block
  name: (identifier) @property)

(entry
  key: (identifier) @property)

(lifecycle_rule
  action: (identifier) @function)

; References: to declarations, principals; access groups are a fixed set.
(attribute
  value: (identifier) @variable)

(entry
  value: (identifier) @variable)

(list
  (identifier) @variable)

(statement
  principal: (identifier) @variable)

(statement
  action: (identifier) @constant)

(string) @string

(escape_sequence) @string.escape

(number) @number

"=" @operator

[
  "{"
  "}"
  "["
  "]"
  "("
  ")"
] @punctuation.bracket

"," @punctuation.delimiter
