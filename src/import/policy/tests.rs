//! Unit tests of `import::policy`.

use super::*;

fn lines(text: &str, users: &[&str]) -> (Vec<String>, Vec<String>) {
    let users: BTreeSet<String> = users.iter().map(|u| u.to_string()).collect();
    let context = Context {
        bucket: "b",
        users: &users,
    };
    match import(text, &context) {
        Outcome::Statements { lines, warnings } => {
            (lines.into_iter().filter_map(|l| l.text).collect(), warnings)
        }
        Outcome::Kept(why) => panic!("kept: {why}"),
    }
}

fn kept(text: &str) -> String {
    let users = BTreeSet::new();
    match import(
        text,
        &Context {
            bucket: "b",
            users: &users,
        },
    ) {
        Outcome::Kept(why) => why,
        Outcome::Statements { lines, .. } => panic!("imported: {lines:?}"),
    }
}

#[test]
fn rookc_halves_recombine_into_one_statement() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"s1-objects","Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/a"]},"Action":["s3:GetObject","s3:GetObjectTagging","s3:GetObjectVersion","s3:GetObjectVersionTagging"],"Resource":["arn:aws:s3:::b/logs/*"]},
        {"Sid":"s1-bucket","Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/a"]},"Action":["s3:ListBucket","s3:ListBucketVersions"],"Resource":["arn:aws:s3:::b"],"Condition":{"StringLike":{"s3:prefix":["logs/*"]}}}]}"#;
    assert_eq!(lines(text, &["a"]).0, ["allow a read on \"logs/\""]);
    assert_eq!(
        lines(text, &[]).0,
        ["allow \"arn:aws:iam:::user/a\" read on \"logs/\""],
        "an ARN of no imported user stays an ARN"
    );
}

#[test]
fn an_unconditioned_listing_beside_keys_under_a_prefix_is_two_statements() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
        "Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/public/*"]}]}"#;
    assert_eq!(
        lines(text, &[]).0,
        [
            "allow anyone \"s3:GetObject\" on \"public/\"",
            "allow anyone \"s3:ListBucket\""
        ]
    );
}

#[test]
fn changes_and_left_out_parts_are_warned_about() {
    let text = r#"{"Id":"x","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b/*"},
        {"Effect":"Deny","Principal":"*","Action":["s3:DeleteObject","s3:ListBucket"],"Resource":"arn:aws:s3:::b/*"}]}"#;
    let (lines, warnings) = lines(text, &[]);
    assert_eq!(lines, ["deny anyone \"s3:DeleteObject\""]);
    let warnings = warnings.join("\n");
    for words in [
        "no Version",
        "Id \"x\"",
        "statement 1 never applies",
        "`s3:ListBucket` applies to none",
    ] {
        assert!(warnings.contains(words), "{words}: {warnings}");
    }
}

#[test]
fn what_the_language_cannot_write_is_kept_with_a_reason() {
    let statement = |extra: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"{extra}}}]}}"#
        )
    };
    assert!(kept(&statement(r#","NotAction":"s3:PutObject""#)).contains("`NotAction`"));
    assert!(kept(&statement(
        r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#
    ))
    .contains("`StringLike` on `s3:prefix`"));
    assert!(kept(&statement("").replace("b/*", "other/*")).contains("not in bucket `b`"));
    assert!(
        kept(&statement("").replace("b/*", "b/index.html")).contains("names the key `index.html`")
    );
    assert!(kept(&statement("").replace("s3:GetObject", "s3:Fly")).contains("s3:Fly"));
}
