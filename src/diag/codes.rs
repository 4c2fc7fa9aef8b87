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
    ReservedClusterId = "E0211", "reserved-cluster-id", "a subvolume group cluster ID that is a Rook cluster's namespace, the ID of its default `csi` group";
    ClassOfOtherStore = "E0220", "class-of-other-store", "a bucket class named for a bucket or object store that belongs to another object store";
    StorageClassClash = "E0221", "storage-class-clash", "a bucket class whose StorageClass name a filesystem or subvolume group also uses";
    ExistingBucketNamed = "E0222", "existing-bucket-named", "a bucket that sets its S3 name though its class binds an existing bucket";
    NotificationNamespace = "E0225", "notification-namespace", "a bucket, its notification and the notification's topic are not in one namespace";
    NotificationLabel = "E0226", "notification-label", "a hand-written `bucket-notification-*` label, which rookc writes from `notifications`";
    TopicStoreMismatch = "E0227", "topic-store-mismatch", "a bucket's notification sends to a topic of another object store";
    BlockPoolMismatch = "E0230", "block-pool-mismatch", "a block class named together with another block pool than its own";
    BlockClassTaken = "E0231", "block-class-taken", "a block class whose StorageClass name another declaration names as an existing class or emits";
    AccountStoreMismatch = "E0235", "account-store-mismatch", "a user of an account of another object store";
    InvalidAccountName = "E0236", "invalid-account-name", "an account name, account ID or account user's display name RGW would reject";
    AccountNamespaceMismatch = "E0237", "account-namespace-mismatch", "a user in another namespace than its account";
    ReservedClientName = "E0240", "reserved-client-name", "a cephx client name Rook keeps for Ceph's own daemons and tools";
    UnknownCapTarget = "E0241", "unknown-cap-target", "a client cap that names a filesystem the program does not declare";
    SourceNamespace = "E0250", "source-namespace", "a snapshot's volume, a restore's snapshot or a clone's volume in another namespace";
    SourceCycle = "E0251", "source-cycle", "volumes and snapshots that are, through restores and clones, their own source";
    FileClassOfOtherFilesystem = "E0255", "file-class-of-other-filesystem", "a filesystem or volume that names the file class of another filesystem";
    StorageClassTaken = "E0256", "storage-class-taken", "a file class whose StorageClass name another declaration emits or names as an existing class";
    PersistentVolumeClash = "E0257", "persistent-volume-clash", "two static volumes with one PersistentVolume name or one volume handle";
    StaticVolumeConflict = "E0258", "static-volume-conflict", "a static volume with an attribute only provisioned volumes have, or the reverse";
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
    UnknownEvent = "E0325", "unknown-event", "a notification event that is not an S3 event type RGW and Rook know";
    EndpointUri = "E0326", "endpoint-uri", "a topic endpoint URI whose scheme does not fit its endpoint kind, or that is not a URI";
    CredentialsInUri = "E0327", "credentials-in-uri", "a topic endpoint URI that holds a password";
    RbdSharedFilesystem = "E0330", "rbd-shared-filesystem", "an RBD volume of filesystem mode that many nodes would write (`access = many` without `mode = block`)";
    MixedVolumeSource = "E0331", "mixed-volume-source", "a volume with both CephFS and RBD attributes";
    InvalidImageFeatures = "E0332", "invalid-image-features", "RBD image features that are empty or lack a feature they depend on";
    NeedsNewerRook = "E0335", "needs-newer-rook", "a field the targeted Rook release does not have";
    UnsupportedRookVersion = "E0336", "unsupported-rook-version", "a `rook` block `version` rookc does not target";
    SharedAccessKey = "E0337", "shared-access-key", "two key pairs read from the same Secret keys, which RGW refuses";
    InvalidCap = "E0340", "invalid-cap", "a client cap string Ceph would not parse";
    UnknownCapProfile = "E0341", "unknown-cap-profile", "a client cap `profile` the daemon does not know";
    CapDaemonMismatch = "E0342", "cap-daemon-mismatch", "a client cap form that belongs to another daemon's caps";
    TooManyBuckets = "E0345", "too-many-buckets", "a user that owns more buckets than its bucket quota lets it create";
    NamespaceOverBudget = "E0346", "namespace-over-budget", "the buckets of a namespace, more of them or larger size quotas than its `budget` allows";
    BucketWithoutBudgetQuota = "E0347", "bucket-without-budget-quota", "a bucket without a size quota in a namespace whose `budget` has a `size`";
    BudgetGivenTwice = "E0348", "budget-given-twice", "a second `budget` for one namespace";
    CopyTooSmall = "E0350", "copy-too-small", "a restored or cloned volume smaller than its source";
    SourceFamily = "E0351", "source-family", "a restore, clone or snapshot across CephFS and RBD";
    SourceCluster = "E0352", "source-cluster", "a restore or clone on another filesystem or Ceph cluster than its source, or a snapshot class of another cluster ID than its volume";
    SourceVolumeMode = "E0353", "source-volume-mode", "a restored or cloned volume of another `mode` than its source";
    InvalidRootPath = "E0355", "invalid-root-path", "a static volume's `root_path` that is not an absolute path in the filesystem";
    UnknownClientPool = "E0360", "unknown-client-pool", "a client profile or cap that names an RBD pool the program's `blockpool`s do not declare";
    ClientPoolOtherCluster = "E0361", "client-pool-other-cluster", "a client that names a pool of another Rook cluster than its own";
    UserQuotaWithOwner = "E0365", "user-quota-with-owner", "a bucket with an owner that sets `user_quota`, the quota of a generated user it does not have";
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
    UndeclaredPlacementClass = "E0420", "undeclared-placement-class", "a lifecycle transition to a storage class the object store's placement does not declare";
    AccountPrincipalWithoutId = "E0435", "account-principal-without-id", "a policy names an account or its user, but the account's ID is not fixed";
    InvalidRuleId = "E0440", "invalid-rule-id", "a lifecycle rule `id` RGW does not take: empty, or longer than 255 characters";
    LifecycleIdClash = "E0441", "lifecycle-id-clash", "lifecycle rules that share an ID but cannot be one RGW rule";
    DeleteMarkersWithDays = "E0442", "delete-markers-with-days", "`expire-delete-markers` with days, or in one rule with `expire`";
    RefusedFilter = "E0443", "refused-filter", "a lifecycle rule filter RGW refuses: `smaller_than` not above `larger_than`, or tags on `expire-delete-markers` or `abort-uploads`";
    NewerVersionsOnTransition = "E0444", "newer-versions-on-transition", "`newer_versions` on a noncurrent transition, which RGW ignores";
    PublicRead = "W0501", "public-read", "a policy statement that lets `anyone` read or list";
    UnusedUser = "W0502", "unused-user", "a user that no bucket owns or grants anything to";
    QuotaExceedsOwner = "W0503", "quota-exceeds-owner", "a bucket quota larger than its owner's user quota";
    RedundantGrant = "W0504", "redundant-grant", "a policy statement that grants the owner what it already has";
    PublicWrite = "W0505", "public-write", "a policy statement that lets `anyone` write, delete or change settings";
    WildcardAction = "W0506", "wildcard-action", "a policy statement that grants every action to someone other than the owner";
    BackupDelete = "W0507", "backup-delete", "a policy statement that lets someone other than the owner delete backups";
    AdminCapabilities = "W0508", "admin-capabilities", "a user that may change users, buckets, metadata, user policies, roles or OIDC providers through the admin API";
    PrefixListDeny = "W0509", "prefix-list-deny", "a deny of listing on key prefixes, which does not hide the key names under them";
    DeleteReclaim = "W0520", "delete-reclaim", "a bucket whose data looks important, on a class that deletes it with its claim";
    UnappliedFilter = "W0525", "unapplied-filter", "a notification metadata or tag filter, which Rook v1.20 never passes to RGW";
    RbdXfs = "W0530", "rbd-xfs", "a block class that formats its volumes with xfs, which can deadlock on nodes that also run OSDs";
    ExperimentalAccount = "W0535", "experimental-account", "an account, which Rook v1.20 marks experimental";
    BroadClientCaps = "W0540", "broad-client-caps", "a client cap broader than any profile needs: `allow *`, or writes to every pool";
    ForeignDataPool = "W0555", "foreign-data-pool", "a file class whose `pool` is not named like a data pool of its filesystem";
    ReefDropsField = "W0560", "reef-drops-field", "a lifecycle rule with `newer_versions`, `larger_than` or `smaller_than`, which Ceph Reef's RGW drops without a word";
    AdditionalConfigFields = "N0601", "additional-config-fields", "the build uses OBC fields the Rook operator must be told to allow";
    DeletingClasses = "N0610", "deleting-classes", "the build has buckets whose objects are deleted with their claim";
    UserProvidedKeys = "N0615", "user-provided-keys", "the build has users whose keys come from Secrets you provide";
    ClientSecret = "N0620", "client-secret", "where Rook writes the cephx keys of the program's clients";
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
