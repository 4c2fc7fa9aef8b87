; Highlights for rook (*.rook) in Helix: the patterns of
; editors/tree-sitter-rook/queries/highlights.scm with Helix's scope names
; (the tree-sitter grammar's tests check that both capture the same text).
; No node is captured by two patterns (editors differ on which of two
; wins), so the order does not matter.

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
] @constant.builtin.boolean

"@allow" @attribute

(suppression
  lint: (identifier) @attribute)

; A declared name differs from a reference to it.
(declaration
  name: (identifier) @type)

(attribute
  key: (identifier) @variable.other.member)

(block
  name: (identifier) @variable.other.member)

(entry
  key: (identifier) @variable.other.member)

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

(escape_sequence) @constant.character.escape

(number) @constant.numeric

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
