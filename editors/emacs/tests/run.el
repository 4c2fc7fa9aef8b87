;;; run.el --- headless checks of rook-mode  -*- lexical-binding: t; -*-

;; Run by editors/test:
;;
;;   emacs -Q --batch -l editors/emacs/tests/run.el
;;
;; 1. rook-mode.el byte-compiles without a warning.
;; 2. A `*.rook' file opens in rook-mode, with `#' comments.
;; 3. Face assertions: each editors/emacs/tests/*.rook holds rook source
;;    and, under a source line, assertion lines in the format of
;;    vscode-tmgrammar-test: `# ^^^ font-lock-keyword-face' says that the
;;    characters under the carets have that face (`nil': no face);
;;    `# <--- FACE' says the same of the line's first characters.
;;    Assertion lines are removed before fontifying.
;; 4. Each example, with its indentation removed, gets it back from
;;    `indent-region'.
;;
;; Prints each failure and `emacs: N passed, M failed'; exits non-zero when
;; anything failed.

;;; Code:

(require 'cl-lib)
(require 'bytecomp)

(defvar rook-test--dir (file-name-directory (or load-file-name buffer-file-name)))
(defvar rook-test--root (expand-file-name "../../../" rook-test--dir))
(defvar rook-test--passed 0)
(defvar rook-test--failed 0)

(defun rook-test--check (ok message &rest args)
  "Count OK; print MESSAGE formatted with ARGS when it is nil."
  (if ok
      (cl-incf rook-test--passed)
    (cl-incf rook-test--failed)
    (princ (concat "FAIL " (apply #'format message args) "\n"))))

(defun rook-test--relative (file)
  (file-relative-name file rook-test--root))

;; 1. Byte compilation
(let* ((source (expand-file-name "../rook-mode.el" rook-test--dir))
       (dir (make-temp-file "rook-mode" t))
       (copy (expand-file-name "rook-mode.el" dir))
       (byte-compile-error-on-warn t)
       (result (condition-case err
                   (progn (copy-file source copy)
                          (byte-compile-file copy))
                 (error err))))
  (rook-test--check (eq result t) "byte-compile: rook-mode.el: %S" result)
  (delete-directory dir t))

(add-to-list 'load-path (expand-file-name ".." rook-test--dir))
(require 'rook-mode)

;; 2. auto-mode-alist and comments
(with-current-buffer (find-file-noselect (expand-file-name "examples/bucket/bucket.rook" rook-test--root))
  (rook-test--check (eq major-mode 'rook-mode) "auto-mode: a *.rook file opens in %s" major-mode)
  (rook-test--check (equal comment-start "# ") "comment-start is %S" comment-start)
  (rook-test--check (not indent-tabs-mode) "indent-tabs-mode is on")
  (kill-buffer))
(with-temp-buffer
  (rook-mode)
  (insert "store = s3\n")
  (comment-region (point-min) (point-max))
  (rook-test--check (equal (buffer-string) "# store = s3\n")
                    "comment-region gives %S" (buffer-string))
  (goto-char (point-min))
  (forward-char 3)
  (rook-test--check (nth 4 (syntax-ppss)) "`#' does not start a comment"))

;; 3. Faces
(defun rook-test--faces-at (pos)
  "The faces at POS, as a list."
  (let ((face (get-text-property pos 'face)))
    (if (listp face) face (list face))))

(defun rook-test--parse (file)
  "The source lines of FILE and its assertions (LINE FROM TO FACE NUMBER).
LINE is the source line the assertion is about, NUMBER its own line in FILE."
  (let ((source nil) (assertions nil) (number 0))
    (dolist (line (split-string (with-temp-buffer
                                  (insert-file-contents file)
                                  (buffer-string))
                                "\n"))
      (cl-incf number)
      (cond
       ((string-match "\\`#\\([ \t]*\\)\\(\\^+\\)[ \t]+\\([^ \t]+\\)[ \t]*\\'" line)
        (let ((from (1+ (length (match-string 1 line)))))
          (push (list (length source) from (+ from (length (match-string 2 line)))
                      (intern (match-string 3 line)) number)
                assertions)))
       ((string-match "\\`#[ \t]*<\\(-+\\)[ \t]+\\([^ \t]+\\)[ \t]*\\'" line)
        (push (list (length source) 0 (length (match-string 1 line))
                    (intern (match-string 2 line)) number)
              assertions))
       ((string-match-p "\\`#[ \t]*\\(\\^\\|<-\\)" line)
        (rook-test--check nil "%s:%d: cannot read assertion: %s" (rook-test--relative file) number line))
       (t (push line source))))
    (list (nreverse source) (nreverse assertions))))

(dolist (file (directory-files rook-test--dir t "\\.rook\\'"))
  (pcase-let ((`(,source ,assertions) (rook-test--parse file)))
    (with-temp-buffer
      (insert (mapconcat #'identity source "\n"))
      (rook-mode)
      (font-lock-ensure)
      (dolist (assertion assertions)
        (pcase-let ((`(,line ,from ,to ,face ,number) assertion))
          (let ((wrong nil))
            (goto-char (point-min))
            (forward-line (1- line))
            (let ((start (point)))
              (dotimes (i (- to from))
                (let ((faces (rook-test--faces-at (+ start from i))))
                  (unless (if face (memq face faces) (null faces))
                    (push (format "%d:%S" (+ from i) faces) wrong)))))
            (rook-test--check (and (> line 0) (null wrong))
                              "%s:%d: expected %s, got %s in `%s'"
                              (rook-test--relative file) number face
                              (mapconcat #'identity (reverse wrong) " ")
                              (buffer-substring-no-properties
                               (line-beginning-position) (line-end-position)))))))))

;; 4. Indentation of the examples
(dolist (file (directory-files-recursively (expand-file-name "examples" rook-test--root) "\\.rook\\'"))
  (with-temp-buffer
    (insert-file-contents file)
    (rook-mode)
    (let ((expected (buffer-string)))
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]+" nil t)
        (replace-match ""))
      (let ((inhibit-message t))
        (indent-region (point-min) (point-max)))
      (let ((lines-expected (split-string expected "\n"))
            (lines-actual (split-string (buffer-string) "\n"))
            (n 0) (diff nil))
        (cl-mapc (lambda (e a)
                   (cl-incf n)
                   (unless (equal e a) (push (format "%d: %S" n a) diff)))
                 lines-expected lines-actual)
        (rook-test--check (null diff) "indent: %s changes at line %s"
                          (rook-test--relative file)
                          (mapconcat #'identity (last (reverse diff) 3) ", "))))))

(princ (format "emacs: %d passed, %d failed\n" rook-test--passed rook-test--failed))
(kill-emacs (if (> rook-test--failed 0) 1 0))
;;; run.el ends here
