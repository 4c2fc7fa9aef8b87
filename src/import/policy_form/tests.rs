//! Unit tests of `import::policy_form`.

use super::*;

#[test]
fn combinations_that_never_apply_are_left_out() {
    let statement = parse_statement(&json!({
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam:::user/a"},
        "Action": ["s3:listbucket", "s3:GetObject"],
        "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]
    }))
    .unwrap();
    let shown: Vec<String> = grants(&statement).iter().map(|g| g.to_string()).collect();
    assert_eq!(
        shown,
        [
            "Allow arn:aws:iam:::user/a s3:GetObject on arn:aws:s3:::b/*",
            "Allow arn:aws:iam:::user/a s3:ListBucket on arn:aws:s3:::b",
        ]
    );
}

#[test]
fn equal_policies_compare_equal() {
    let a = r#"{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Deny","Principal":"*","Action":["s3:DeleteObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}"#;
    let b = r#"{"Statement":[{"Effect":"Deny","Principal":{"AWS":["*"]},"Action":"s3:PutObject","Resource":["arn:aws:s3:::b/*"]},{"Effect":"Deny","Principal":"*","Action":"s3:deleteobject","Resource":"arn:aws:s3:::b/*"}],"Version":"2012-10-17"}"#;
    assert_eq!(comparable(a), comparable(b));
    assert_ne!(comparable(a), comparable(&a.replace("Deny", "Allow")));
}

#[test]
fn other_shapes_are_explained() {
    let not_principal =
        json!({"Effect": "Deny", "NotPrincipal": {"AWS": "x"}, "Action": "s3:*", "Resource": "*"});
    assert_eq!(
        parse_statement(&not_principal).unwrap_err().to_string(),
        "uses `NotPrincipal`"
    );
    assert_eq!(resource_kind("*"), ResourceKind::Other);
    assert_eq!(resource_kind("arn:aws:s3:::b"), ResourceKind::Bucket);
    assert_eq!(resource_kind("arn:aws:s3:::b/x*"), ResourceKind::Object);
    assert!(!applies("iam:CreateUser", "arn:aws:s3:::b"));
    assert!(applies("s3:*", "arn:aws:s3:::b"));
}
