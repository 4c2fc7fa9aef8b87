;;; rook-mode.el --- Major mode for the rook storage language  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages

;;; Commentary:

;; Editing support for `*.rook' files, the storage language compiled by
;; rookc: syntax highlighting, `#' comments and indentation by braces,
;; brackets and parentheses.
;;
;; Install: put this file on `load-path' and add
;;
;;   (require 'rook-mode)
;;
;; to your init file; `*.rook' files then open in `rook-mode'.
;;
;; Highlighting follows grammar/rook.pest: words are keywords only where the
;; grammar expects them.  `namespace = "x"' and `caps { user = read }' are
;; attribute keys, and `allow', `deny', `anyone' and `on' are keywords only
;; inside a `policy' block.  tests/editors.rs reads the keyword lists
;; between the `keywords:' markers below and compares them with the pest
;; grammar's keyword rules.

;;; Code:

(require 'seq)

(defgroup rook nil
  "Editing rook storage language files."
  :group 'languages
  :prefix "rook-")

(defcustom rook-indent-offset 2
  "Columns of indentation per open brace, bracket or parenthesis."
  :type 'integer
  :safe #'integerp)

;; keywords: begin
(defconst rook-declaration-keywords
  '("objectstore" "filesystem" "subvolumegroup" "blockpool" "blockclass" "snapshotclass" "account" "user" "bucketclass" "fileclass" "bucket" "volume" "snapshot" "topic" "notification" "client")
  "Words that start a declaration: KIND NAME { ... }.")
(defconst rook-group-keywords '("namespace")
  "The word that starts a namespace group: namespace \"NAME\" { ... }.")
(defconst rook-settings-keywords '("rook")
  "The word that starts the program's settings block: rook { ... }.")
(defconst rook-policy-block-keywords '("policy")
  "The word that starts a bucket policy block.")
(defconst rook-lifecycle-block-keywords '("lifecycle")
  "The word that starts a bucket lifecycle block.")
(defconst rook-policy-keywords '("allow" "deny" "on")
  "Keywords of policy statements.")
(defconst rook-principal-keywords '("anyone")
  "The principal that stands for everyone, in policy statements.")
(defconst rook-lifecycle-keywords '("after" "to")
  "Keywords of lifecycle rules.")
(defconst rook-boolean-keywords '("true" "false")
  "Boolean literals.")
(defconst rook-attribute-keywords '("@allow")
  "The attribute that silences warnings.")
;; keywords: end

(defconst rook--ident "[A-Za-z_][A-Za-z0-9_-]*"
  "An identifier: letters, digits, `_' and `-'.")

(defun rook--words (words)
  "A regexp matching one of WORDS as a whole symbol, in group 1."
  (concat "\\_<\\(" (regexp-opt words) "\\)\\_>"))

(defvar rook-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    ;; Identifiers contain `-' and `_': one symbol for motion and \_< \_>.
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?@ "_" table)
    (modify-syntax-entry ?= "." table)
    (modify-syntax-entry ?, "." table)
    (modify-syntax-entry ?{ "(}" table)
    (modify-syntax-entry ?} "){" table)
    (modify-syntax-entry ?\[ "(]" table)
    (modify-syntax-entry ?\] ")[" table)
    (modify-syntax-entry ?\( "()" table)
    (modify-syntax-entry ?\) ")(" table)
    table)
  "Syntax table of `rook-mode'.")

(defun rook--code-p (pos)
  "Whether POS is outside strings and comments."
  (not (nth 8 (save-excursion (syntax-ppss pos)))))

(defun rook--block-at (pos)
  "The word before the innermost `{' around POS, or nil.
Brackets and parentheses in between are skipped: in `policy { deny
[anyone] delete }' the block of `anyone' is `policy'."
  (let ((open (seq-find (lambda (p) (eq (char-after p) ?{))
                        (reverse (nth 9 (save-excursion (syntax-ppss pos)))))))
    (when open
      (save-excursion
        (goto-char open)
        (skip-chars-backward " \t\n")
        (let ((end (point)))
          (skip-syntax-backward "w_")
          (buffer-substring-no-properties (point) end))))))

(defun rook--matcher (regexp blocks)
  "A font-lock matcher for REGEXP in code whose enclosing block is in BLOCKS."
  (lambda (limit)
    (let (found)
      (while (and (not found) (re-search-forward regexp limit t))
        (let ((start (match-beginning 0)))
          (when (and (rook--code-p start)
                     (member (rook--block-at start) blocks))
            (setq found t))))
      found)))

(defun rook--match-invalid-escape (limit)
  "Find an escape other than \\\" \\\\ \\n \\t \\r inside a string, before LIMIT."
  (let (found)
    (while (and (not found) (re-search-forward "\\\\\\(?:[^\"\\\\ntr\n]\\|$\\)" limit t))
      (let ((state (save-excursion (syntax-ppss (match-beginning 0)))))
        (when (nth 3 state)
          (setq found t))))
    found))

(defun rook--font-lock-keywords ()
  "Font-lock rules of `rook-mode'."
  (let ((policy (append rook-policy-block-keywords nil))
        (lifecycle (append rook-lifecycle-block-keywords nil)))
    `(;; KIND NAME
      (,(concat (rook--words rook-declaration-keywords) "[ \t]+\\(" rook--ident "\\)")
       (1 font-lock-keyword-face)
       (2 font-lock-function-name-face))
      ;; namespace "NAME"
      (,(concat (rook--words rook-group-keywords) "[ \t]*\"")
       (1 font-lock-keyword-face))
      ;; rook { at the top level
      (,(concat "^" (rook--words rook-settings-keywords) "[ \t]*\\(?:{\\|#\\|$\\)")
       (1 font-lock-keyword-face))
      ;; policy { and lifecycle {
      (,(concat (rook--words (append rook-policy-block-keywords
                                     rook-lifecycle-block-keywords))
                "[ \t]*\\(?:{\\|#\\|$\\)")
       (1 font-lock-keyword-face))
      ;; @allow(lint-name, ...)
      (,(concat "\\(" (regexp-opt rook-attribute-keywords) "\\)\\_>")
       (1 font-lock-preprocessor-face))
      (,(concat "(\\(\\(?:[ \t]*" rook--ident "[ \t]*,?\\)+\\))")
       (1 font-lock-constant-face))
      ;; key = and key {
      (,(concat "\\_<\\(" rook--ident "\\)[ \t]*[={]")
       (1 font-lock-variable-name-face))
      ;; Inside policy { }: allow deny on, and anyone
      (,(rook--matcher (rook--words rook-policy-keywords) policy)
       (1 font-lock-keyword-face))
      (,(rook--matcher (rook--words rook-principal-keywords) policy)
       (1 font-lock-constant-face))
      ;; Inside lifecycle { }: after to, and the rule's action
      (,(rook--matcher (rook--words rook-lifecycle-keywords) lifecycle)
       (1 font-lock-keyword-face))
      (,(rook--matcher (concat "^[ \t]*\\(" rook--ident "\\)") lifecycle)
       (1 font-lock-builtin-face))
      ;; Values
      (,(rook--words rook-boolean-keywords)
       (1 font-lock-constant-face))
      ("\\_<-?[0-9][0-9_]*\\(?:\\.[0-9]+\\)?[A-Za-z]*"
       (0 font-lock-constant-face))
      (rook--match-invalid-escape
       (0 font-lock-warning-face t)))))

(defun rook-indent-line ()
  "Indent the current line by the depth of its braces, brackets and parentheses."
  (interactive)
  (let* ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
         (closes (save-excursion
                   (back-to-indentation)
                   (looking-at "[]})]")))
         (column (* rook-indent-offset (max 0 (- depth (if closes 1 0)))))
         (offset (- (current-column) (current-indentation))))
    (indent-line-to column)
    (when (> offset 0)
      (move-to-column (+ column offset)))))

;;;###autoload
(define-derived-mode rook-mode prog-mode "Rook"
  "Major mode for the rook storage language of rookc."
  :syntax-table rook-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local indent-line-function #'rook-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local font-lock-defaults (list (rook--font-lock-keywords))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.rook\\'" . rook-mode))

(provide 'rook-mode)
;;; rook-mode.el ends here
