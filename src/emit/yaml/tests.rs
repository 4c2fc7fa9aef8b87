//! Our YAML writer against serde_yaml 0.9, the writer it replaced: the
//! same documents must give the same bytes.

use proptest::prelude::*;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::to_yaml;

/// A document of any shape the manifests could take.
#[derive(Debug, Clone)]
enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_none(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Str(s) => serializer.serialize_str(s),
            Node::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

fn assert_same(node: &Node) {
    let ours = to_yaml(node).expect("ours");
    let reference = serde_yaml::to_string(node).expect("serde_yaml");
    assert_eq!(ours, reference, "for {node:?}");
}

/// Pieces that decide a scalar's style: indicators, spaces and breaks at
/// either end, words YAML reads as other types, characters to escape.
const PIECES: &[&str] = &[
    "",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r",
    "a",
    "Z",
    "word",
    "0",
    "1",
    "00",
    "007",
    "-",
    "+",
    ".",
    "...",
    "---",
    ":",
    ": ",
    ":x",
    "#",
    " #",
    "a#",
    "?",
    "? ",
    "- ",
    "'",
    "\"",
    "\\",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "~",
    "null",
    "Null",
    "true",
    "False",
    "TRUE",
    "0x1f",
    "0o7",
    "0b1",
    "-0x1",
    "+0x1",
    "1e3",
    "1.5",
    ".5",
    "1.",
    ".inf",
    "-.inf",
    "+.inf",
    ".nan",
    "NaN",
    "inf",
    "-0",
    "+1",
    "99999999999999999999999999999",
    "é",
    "😀",
    "\u{85}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{7f}",
    "\u{0}",
    "\u{1b}",
    "\u{7}",
    "\u{fffe}",
    "\u{e000}",
    "\u{9f}",
    "s3:GetObject",
    "{\"Version\":\"2012-10-17\"}",
    "app.kubernetes.io/part-of",
    "10Gi",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(PIECES), 0..6).prop_map(|p| p.concat()),
        1 => any::<String>(),
        1 => (1usize..200).prop_map(|n| "k".repeat(n)),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        Just(Node::Null),
        any::<bool>().prop_map(Node::Bool),
        any::<i64>().prop_map(Node::Int),
        text().prop_map(Node::Str),
    ];
    leaf.prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Node::Seq),
            prop::collection::vec((text(), inner), 0..5).prop_map(Node::Map),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn documents_match_serde_yaml(node in node()) {
        assert_same(&node);
    }

    #[test]
    fn scalars_match_serde_yaml_as_keys_and_values(key in text(), value in text()) {
        assert_same(&Node::Map(vec![
            (key.clone(), Node::Str(value.clone())),
            ("nested".to_string(), Node::Map(vec![(value.clone(), Node::Str(key.clone()))])),
            ("list".to_string(), Node::Seq(vec![Node::Str(key), Node::Str(value)])),
        ]));
    }
}

#[test]
fn every_piece_matches_alone_and_in_pairs() {
    for a in PIECES {
        assert_same(&Node::Str(a.to_string()));
        for b in PIECES {
            let s = format!("{a}{b}");
            assert_same(&Node::Map(vec![(
                s.clone(),
                Node::Seq(vec![
                    Node::Str(s.clone()),
                    Node::Map(vec![(s.clone(), Node::Null)]),
                ]),
            )]));
        }
    }
}

#[test]
fn empty_collections_and_long_keys_match() {
    let long = "k".repeat(129);
    assert_same(&Node::Map(Vec::new()));
    assert_same(&Node::Seq(Vec::new()));
    assert_same(&Node::Map(vec![
        ("a".to_string(), Node::Map(Vec::new())),
        ("b".to_string(), Node::Seq(Vec::new())),
        (long.clone(), Node::Str("v".to_string())),
        (
            long.clone(),
            Node::Map(vec![(long.clone(), Node::Seq(vec![Node::Null]))]),
        ),
        ("multi\nline".to_string(), Node::Str("x\n".to_string())),
    ]));
    assert_same(&Node::Seq(vec![
        Node::Seq(vec![Node::Seq(Vec::new()), Node::Int(1)]),
        Node::Map(vec![("k".to_string(), Node::Str("a\n\n".to_string()))]),
    ]));
}

/// Floats (a group's `pinning.random`, 0.0 to 1.0) as serde_yaml writes them.
#[test]
fn floats_in_the_pinning_range_match() {
    #[derive(serde::Serialize)]
    struct Random {
        random: f64,
    }
    for random in [0.0, 0.1, 0.25, 0.5, 0.333, 0.0001, 0.999_999, 1.0] {
        let value = Random { random };
        let reference = serde_yaml::to_string(&value).expect("serde_yaml");
        assert_eq!(to_yaml(&value).expect("ours"), reference, "for {random}");
    }
}
