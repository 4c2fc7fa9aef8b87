//! Temporary trees left beside an output directory by a build that was
//! killed (`.<name>.rookc-new-<pid>`, `.<name>.rookc-old-<pid>`): the next
//! build of the same directory removes those whose process is gone. A
//! tree of a process that still runs is a concurrent build's, and kept.

use std::fs;
use std::path::Path;

/// The name of the new tree this process writes for `name`.
pub fn new_tree(name: &str) -> String {
    format!(".{name}.rookc-new-{}", std::process::id())
}

/// The name the replaced tree of `name` has until it is deleted.
pub fn old_tree(name: &str) -> String {
    format!(".{name}.rookc-old-{}", std::process::id())
}

/// Removes the temporary trees of `name` in `parent` whose process is
/// gone. Old trees are kept when `keep_old`: while `DIR` is missing (a
/// build was killed between its two renames), an old tree is the only
/// copy of the last output, until this build has written a new one.
/// Best effort: what cannot be removed stays.
pub fn remove_dead(parent: &Path, name: &str, keep_old: bool) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.rookc-new-");
    let old_prefix = format!(".{name}.rookc-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let pid = match file_name.strip_prefix(&new_prefix) {
            Some(pid) => pid,
            None => match file_name.strip_prefix(&old_prefix) {
                Some(pid) if !keep_old => pid,
                Some(_) | None => continue,
            },
        };
        let Some(pid) = parse_pid(pid) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && pid != std::process::id() && !is_running(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn parse_pid(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Whether process `pid` exists. Without `/proc` there is no way to tell
/// using the standard library alone, so every process counts as running
/// and nothing is removed.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}
