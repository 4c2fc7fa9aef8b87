//! The CSI cluster ID Rook gives a subvolume group without `spec.clusterID`:
//! hex of the first 16 bytes of SHA-256 over
//! `"<namespace>-<filesystem>-file-<group name>"` (Rook v1.20,
//! `subvolumegroup/controller.go` `buildClusterID`, `k8sutil.Hash`). The
//! group's StorageClass must name this ID, and `rookc import` pairs a group
//! with its class by it.

use sha2::{Digest, Sha256};

/// Rook's computed cluster ID of group `group` (the Ceph group name) of
/// filesystem `filesystem` in the cluster namespace `namespace`.
pub fn computed(namespace: &str, filesystem: &str, group: &str) -> String {
    let digest = Sha256::digest(format!("{namespace}-{filesystem}-file-{group}").as_bytes());
    let mut hex = String::with_capacity(32);
    for byte in &digest[..16] {
        // Writing to a String cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut hex, format_args!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::computed;

    // The expected values are `printf '%s' 'rook-ceph-myfs-file-csi' |
    // sha256sum | cut -c1-32` and the like, computed outside rookc; the
    // first is also Rook's own default `csi` group's ID in ROOK-FACTS.
    #[test]
    fn matches_sha256sum_of_the_concatenation() {
        assert_eq!(
            computed("rook-ceph", "myfs", "csi"),
            "e1026845ad66577abae1d16671b464c8"
        );
        assert_eq!(
            computed("rook-ceph", "homefs", "media"),
            "585837b7221c9f73918cf534fd141689"
        );
        assert_eq!(
            computed("storage", "myfs", "group-a"),
            "8526f48cb670da438190b0acdadc9342"
        );
    }

    #[test]
    fn is_a_valid_cluster_id() {
        let id = computed("n", "f", "g");
        assert_eq!(id.len(), 32);
        assert!(crate::check::names::cluster_id(&id).is_ok());
    }
}
