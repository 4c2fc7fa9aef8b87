//! The daemon types of a client's caps, and what each one's cap parser
//! takes: profiles, permission letters and match keys.

/// A daemon type of `caps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daemon {
    Mon,
    Osd,
    Mds,
    Mgr,
}

impl Daemon {
    pub fn from_key(key: &str) -> Option<Daemon> {
        match key {
            "mon" => Some(Daemon::Mon),
            "osd" => Some(Daemon::Osd),
            "mds" => Some(Daemon::Mds),
            "mgr" => Some(Daemon::Mgr),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Daemon::Mon => "mon",
            Daemon::Osd => "osd",
            Daemon::Mds => "mds",
            Daemon::Mgr => "mgr",
        }
    }

    /// The profile names the daemon's cap parser knows.
    pub fn profiles(self) -> &'static [&'static str] {
        match self {
            Daemon::Mon => &[
                "bootstrap-mds",
                "bootstrap-mgr",
                "bootstrap-osd",
                "bootstrap-rbd",
                "bootstrap-rbd-mirror",
                "bootstrap-rgw",
                "cephfs-mirror",
                "crash",
                "fs-client",
                "mds",
                "mgr",
                "mon",
                "osd",
                "rbd",
                "rbd-mirror",
                "role-definer",
                "simple-rados-client",
                "simple-rados-client-with-blocklist",
            ],
            Daemon::Osd => &["rbd", "rbd-read-only", "read-only", "read-write"],
            Daemon::Mds => &[],
            Daemon::Mgr => &["crash", "mds", "osd", "rbd", "rbd-read-only"],
        }
    }

    /// The permission letters an `allow` of this daemon takes.
    pub(super) fn letters(self) -> &'static str {
        match self {
            Daemon::Mon | Daemon::Osd | Daemon::Mgr => "rwx",
            Daemon::Mds => "rwps",
        }
    }

    /// The match keys an `allow` (or a `profile`) of this daemon takes.
    pub(super) fn keys(self) -> &'static [&'static str] {
        match self {
            Daemon::Mon => &["fsname", "network", "service", "command"],
            Daemon::Osd => &[
                "pool",
                "namespace",
                "object_prefix",
                "network",
                "class",
                "tag",
            ],
            Daemon::Mds => &["fsname", "path", "uid", "gids", "network", "root_squash"],
            Daemon::Mgr => &[
                "pool",
                "namespace",
                "network",
                "service",
                "module",
                "command",
            ],
        }
    }
}
