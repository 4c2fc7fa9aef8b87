//! The stable diagnostic codes. Codes are never renumbered or reused: a
//! retired code keeps its entry and its page in `docs/errors/`.
//!
//! E01xx syntax, E02xx names, E03xx types and units, E04xx policies and
//! lifecycles, W05xx warnings (each with a kebab-case name that `@allow(...)`
//! takes), N06xx notes about the build.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $summary:literal;)*) => {
        /// A diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed: `E0201`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The stable kebab-case name: `unknown-name`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The explanation page (`docs/errors/<CODE>.md`), embedded so
            /// that every code must have one to compile.
            pub fn page(self) -> &'static str {
                match self {
                    $(Code::$variant => include_str!(concat!("../../docs/errors/", $code, ".md")),)*
                }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    Syntax = "E0101", "syntax-error", "the text does not follow the grammar";
    InvalidEscape = "E0102", "invalid-escape", "a string holds an escape sequence the language does not know";
    HiddenCharacter = "E0103", "hidden-character", "a character that reorders text on screen or is invisible (Trojan Source)";
    InvalidNumber = "E0104", "invalid-number", "a number whose `_` separators do not stand between two digits";
    UnknownName = "E0201", "unknown-name", "a reference names nothing that is declared";
    WrongKind = "E0202", "wrong-kind", "a reference names a declaration of another kind";
    DuplicateDeclaration = "E0203", "duplicate-declaration", "two declarations of one kind share a name";
    DuplicateBucketName = "E0204", "duplicate-bucket-name", "two buckets of one object store share an S3 bucket name";
    InvalidKubernetesName = "E0205", "invalid-kubernetes-name", "a name Kubernetes or Rook would reject";
    InvalidBucketName = "E0206", "invalid-bucket-name", "an S3 bucket name or prefix RGW would reject";
    UserNamespaceNotAllowed = "E0207", "user-namespace-not-allowed", "a user lives in a namespace its object store does not serve";
    InvalidLabel = "E0208", "invalid-label", "a label or annotation Kubernetes would reject";
    StoreMismatch = "E0209", "store-mismatch", "a bucket owner that is a user of another object store";
    AnnotationsTooLarge = "E0210", "annotations-too-large", "the annotations of one object add up to more than Kubernetes' 256 KiB";
    AccountStoreMismatch = "E0235", "account-store-mismatch", "a user of an account of another object store";
    InvalidAccountName = "E0236", "invalid-account-name", "an account name, account ID or account user's display name RGW would reject";
    AccountNamespaceMismatch = "E0237", "account-namespace-mismatch", "a user in another namespace than its account";
    UnknownAttribute = "E0301", "unknown-attribute", "an attribute or block this declaration does not have";
    MissingAttribute = "E0302", "missing-attribute", "a required attribute is missing";
    TypeMismatch = "E0303", "type-mismatch", "a value of the wrong type";
    WrongUnit = "E0304", "wrong-unit", "a number with a unit that does not fit the attribute";
    OutOfRange = "E0305", "out-of-range", "a number that is zero, negative or too large where that makes no sense";
    UnknownValue = "E0306", "unknown-value", "a word that is not one of the values the attribute takes";
    ConflictingAttributes = "E0307", "conflicting-attributes", "attributes that cannot be used together";
    DuplicateAttribute = "E0308", "duplicate-attribute", "an attribute given twice";
    ObjectTooLarge = "E0309", "object-too-large", "an emitted object larger than etcd's 1.5 MiB request limit";
    ObcFieldNotAllowed = "E0310", "obc-field-not-allowed", "a bucket needs an ObjectBucketClaim field the program's `obc_fields` setting does not allow";
    NeedsNewerRook = "E0335", "needs-newer-rook", "a field the targeted Rook release does not have";
    UnsupportedRookVersion = "E0336", "unsupported-rook-version", "a `rook` block `version` rookc does not target";
    SharedAccessKey = "E0337", "shared-access-key", "two key pairs read from the same Secret keys, which RGW refuses";
    PolicyNeedsFixedName = "E0401", "policy-needs-fixed-name", "a bucket policy on a bucket without a fixed S3 name";
    ForeignPrincipal = "E0402", "foreign-principal", "a policy principal that is not a user of the bucket's object store";
    InvalidPrincipal = "E0403", "invalid-principal", "a principal string that is not an IAM ARN RGW accepts";
    UnknownAction = "E0404", "unknown-action", "an action that is neither an access group nor an S3 action RGW supports";
    ActionResourceMismatch = "E0405", "action-resource-mismatch", "an action that cannot apply to the resources of its statement";
    LifecycleConflict = "E0406", "lifecycle-conflict", "two lifecycle rules of one kind for the same prefix";
    TooManyLifecycleRules = "E0407", "too-many-lifecycle-rules", "a lifecycle of more rules than RGW accepts for one bucket (1000)";
    KeyPatternTooLong = "E0408", "key-pattern-too-long", "a policy key pattern longer than S3's 1024-byte key limit";
    PolicyVariable = "E0409", "policy-variable", "a `${...}` policy variable in a key pattern, which RGW does not replace";
    PolicyTooLarge = "E0410", "policy-too-large", "a bucket policy larger than RGW reads (1 MiB by default)";
    AccountPrincipalWithoutId = "E0435", "account-principal-without-id", "a policy names an account or its user, but the account's ID is not fixed";
    PublicRead = "W0501", "public-read", "a policy statement that lets `anyone` read or list";
    UnusedUser = "W0502", "unused-user", "a user that no bucket owns or grants anything to";
    QuotaExceedsOwner = "W0503", "quota-exceeds-owner", "a bucket quota larger than its owner's user quota";
    RedundantGrant = "W0504", "redundant-grant", "a policy statement that grants the owner what it already has";
    PublicWrite = "W0505", "public-write", "a policy statement that lets `anyone` write, delete or change settings";
    WildcardAction = "W0506", "wildcard-action", "a policy statement that grants every action to someone other than the owner";
    BackupDelete = "W0507", "backup-delete", "a policy statement that lets someone other than the owner delete backups";
    AdminCapabilities = "W0508", "admin-capabilities", "a user that may change users, buckets, metadata, user policies, roles or OIDC providers through the admin API";
    PrefixListDeny = "W0509", "prefix-list-deny", "a deny of listing on key prefixes, which does not hide the key names under them";
    ExperimentalAccount = "W0535", "experimental-account", "an account, which Rook v1.20 marks experimental";
    AdditionalConfigFields = "N0601", "additional-config-fields", "the build uses OBC fields the Rook operator must be told to allow";
    UserProvidedKeys = "N0615", "user-provided-keys", "the build has users whose keys come from Secrets you provide";
}

impl Code {
    pub fn severity(self) -> Severity {
        match self.as_str().as_bytes().first() {
            Some(b'E') => Severity::Error,
            Some(b'W') => Severity::Warning,
            _ => Severity::Note,
        }
    }

    /// The warning whose kebab-case name is `name` (for `@allow(...)`).
    pub fn warning_named(name: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.severity() == Severity::Warning && code.name() == name)
    }

    /// The code whose kebab-case name is `name`.
    pub fn named(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.name() == name)
    }

    /// The code printed as `text` (`E0201`), case-insensitively.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        let printed: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = printed.clone();
        sorted.sort_by_key(|code| &code[1..]);
        sorted.dedup();
        assert_eq!(printed, sorted);
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn warnings_are_found_by_name() {
        assert_eq!(Code::warning_named("unused-user"), Some(Code::UnusedUser));
        assert_eq!(Code::warning_named("unknown-name"), None);
    }
}
