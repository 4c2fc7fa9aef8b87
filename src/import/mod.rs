//! `rookc import`: existing manifests to rook source.
//!
//! [`read`] finds the YAML files and parses their documents ([`yaml`]);
//! [`fields`] reads a manifest field by field and lists what was not
//! carried over; every document gets a [`report::ObjectReport`]. The
//! forms policies and lifecycles are compared in ([`policy_form`],
//! [`lifecycle_form`]) and the normalisations of a whole manifest
//! ([`normal`]) define what "equal as data" means for the round trip;
//! [`write`] writes rook source text for the formatter to lay out.
//! [`policy`] and [`lifecycle`] turn the JSON strings of a claim back into
//! the language's `policy` and `lifecycle` blocks.

pub mod fields;
pub mod lifecycle;
pub mod lifecycle_form;
pub mod normal;
pub mod policy;
pub mod policy_form;
mod policy_lines;
pub mod read;
pub mod report;
pub mod write;
pub mod yaml;
