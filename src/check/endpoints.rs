//! A topic endpoint's entries and URI: the scheme must fit the endpoint
//! kind (Rook's `ValidateTopicSpec` refuses the topic otherwise, at
//! reconcile time), and the URI must not carry a password, which would put
//! secret material in the source and in Git.

use super::values;
use super::{names, suggest::did_you_mean};
use crate::ast::{Attribute, Block};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::ENDPOINTS;
use crate::model::SecretKey;
use crate::source::Spanned;

/// The entries of one endpoint block, each known key once.
pub(super) struct Entries<'a> {
    pub block: &'a Block,
    pub list: Vec<&'a Attribute>,
}

impl<'a> Entries<'a> {
    fn get(&self, key: &str) -> Option<&'a Attribute> {
        self.list.iter().copied().find(|e| e.key.value == key)
    }

    /// A string entry the CRD requires (E0302 when absent); an empty
    /// string is refused too (`minLength: 1`).
    pub fn required(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<String>> {
        let kind = &self.block.name.value;
        let Some(entry) = self.get(key) else {
            diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("`{kind}` has no `{key}`"),
                    self.block.name.span,
                    format!("`{key}` is required here"),
                )
                .with_help(format!("add `{key} = {}`", example(kind, key))),
            );
            return None;
        };
        let value = values::string(entry, diags)?;
        if value.value.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("`{key}` of `{kind}` is empty"),
                    value.span,
                    "an empty value",
                )
                .with_help(format!("write `{key} = {}`", example(kind, key))),
            );
            return None;
        }
        Some(value)
    }

    pub fn boolean(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        self.get(key)
            .and_then(|e| values::boolean(e, diags))
            .map(|b| b.value)
    }

    /// A word of the entry's `Word` type in the kind table.
    pub fn word(&self, key: &str, diags: &mut Diagnostics) -> Option<String> {
        let entry = self.get(key)?;
        let choices = crate::kinds::DeclKind::Topic
            .attribute(&self.block.name.value)
            .and_then(|a| a.entries().iter().find(|e| e.key == key))
            .and_then(|e| {
                if let crate::kinds::ValueType::Word(words) = e.value {
                    Some(words)
                } else {
                    None
                }
            })
            .unwrap_or(&[]);
        values::word(entry, choices, diags).map(|w| w.value.to_string())
    }

    /// A Secret and its key, given by two entries that go together:
    /// `Ok(None)` when neither is given, `Err` (reported) when one is
    /// missing or invalid. Returned as `Option<Option<_>>` for `?`.
    pub fn secret(
        &self,
        name_key: &str,
        key_key: &str,
        diags: &mut Diagnostics,
    ) -> Option<Option<SecretKey>> {
        let (name, key) = (self.get(name_key), self.get(key_key));
        if name.is_none() && key.is_none() {
            return Some(None);
        }
        let (given, absent) = if name.is_some() {
            (name_key, key_key)
        } else {
            (key_key, name_key)
        };
        let (Some(name), Some(key)) = (name, key) else {
            let present = name.or(key).map_or(self.block.name.span, |e| e.key.span);
            diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("`kafka` gives `{given}` but no `{absent}`"),
                    present,
                    format!("`{absent}` is needed with it"),
                )
                .with_help(format!(
                    "name both the Secret and its key: `{name_key} = \"kafka-credentials\"  {key_key} = \"...\"`"
                )),
            );
            return None;
        };
        let name = values::string(name, diags)?;
        let key = values::string(key, diags)?;
        let mut ok = true;
        if let Err(why) = names::dns_subdomain(&name.value) {
            diags.push(Diagnostic::new(
                Code::InvalidKubernetesName,
                format!("Secret name `{}` {why}", name.value),
                name.span,
                "not a valid Secret name",
            ));
            ok = false;
        }
        if let Err(why) = names::config_key(&key.value) {
            diags.push(Diagnostic::new(
                Code::InvalidKubernetesName,
                format!("Secret key `{}` {why}", key.value),
                key.span,
                "not a valid Secret key",
            ));
            ok = false;
        }
        ok.then_some(Some(SecretKey {
            name: name.value,
            key: key.value,
        }))
    }
}

/// A value a help line may suggest for an entry.
fn example(kind: &str, key: &str) -> &'static str {
    match (kind, key) {
        ("amqp", "exchange") => "\"my-exchange\"",
        ("amqp", _) => "\"amqp://rabbitmq.apps:5672\"",
        ("kafka", _) => "\"kafka://kafka.apps:9092\"",
        _ => "\"http://events.apps:8080\"",
    }
}

/// The URI schemes each endpoint kind takes (Rook's `ValidateTopicSpec`).
pub fn schemes(kind: &str) -> &'static [&'static str] {
    match kind {
        "http" => &["http", "https"],
        "amqp" => &["amqp", "amqps"],
        _ => &["kafka"],
    }
}

/// Checks an endpoint URI: `SCHEME://[USER[:PASSWORD]@]HOST[:PORT][/PATH]`
/// with a scheme of `kind`, a host, and no password. Reports and returns
/// `false` when it is not one.
pub fn check_uri(kind: &str, uri: &Spanned<String>, diags: &mut Diagnostics) -> bool {
    let allowed = schemes(kind);
    let expected = values::one_of(allowed);
    let Some((scheme, rest)) = uri.value.split_once("://") else {
        diags.push(
            Diagnostic::new(
                Code::EndpointUri,
                format!("`{}` is not a URI: it has no `SCHEME://`", uri.value),
                uri.span,
                format!("expected a {expected} URI"),
            )
            .with_help(format!("write `{}://{}`", allowed[0], uri.value)),
        );
        return false;
    };
    if !allowed.contains(&scheme) {
        let other = ENDPOINTS
            .iter()
            .find(|k| **k != kind && schemes(k).contains(&scheme));
        let help = match other {
            Some(other) => format!("a `{scheme}://` URI belongs in a `{other} {{ }}` block"),
            None => match did_you_mean(scheme, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}://`?"),
                None => format!("`{kind}` takes {expected} URIs"),
            },
        };
        diags.push(
            Diagnostic::new(
                Code::EndpointUri,
                format!(
                    "`{kind}` endpoint URI `{}` has the scheme `{scheme}`",
                    uri.value
                ),
                uri.span,
                format!("expected {expected}"),
            )
            .with_help(help)
            .with_note("Rook refuses a topic whose URI scheme does not fit its endpoint"),
        );
        return false;
    }
    if let Some(bad) = uri
        .value
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        diags.push(Diagnostic::new(
            Code::EndpointUri,
            format!(
                "endpoint URI `{}` contains {bad:?}",
                uri.value.escape_debug()
            ),
            uri.span,
            "not a valid URI",
        ));
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((userinfo, host)) => (Some(userinfo), host),
        None => (None, authority),
    };
    if host.is_empty() || host.starts_with(':') {
        diags.push(
            Diagnostic::new(
                Code::EndpointUri,
                format!("endpoint URI `{}` has no host", uri.value),
                uri.span,
                "no host",
            )
            .with_help(format!("write `{scheme}://HOST[:PORT]`")),
        );
        return false;
    }
    if let Some((_, password)) = userinfo.and_then(|u| u.split_once(':')) {
        if !password.is_empty() {
            diags.push(credentials(kind, uri));
            return false;
        }
    }
    true
}

/// E0327: a password in an endpoint URI.
fn credentials(kind: &str, uri: &Spanned<String>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::CredentialsInUri,
        format!("the `{kind}` endpoint URI holds a password"),
        uri.span,
        "a password in the source",
    )
    .with_note("the source and the manifests go to Git; a password there is readable by everyone who can read them");
    match kind {
        "kafka" => diagnostic.with_help(
            "put the user name and password in a Secret and name its keys: `user_secret`, `user_key`, `password_secret`, `password_key`",
        ),
        "amqp" => diagnostic.with_help(
            "Rook v1.20 reads AMQP credentials only from the URI: use a broker user without a password for RGW, or keep this topic out of rookc",
        ),
        _ => diagnostic.with_help("give the endpoint a way to authenticate RGW other than a password in the URI"),
    }
}

/// Whether the checker takes `uri` for an endpoint of `kind` (`rookc
/// import` leaves a topic out rather than write one that does not compile).
pub fn uri_accepted(kind: &str, uri: &str) -> bool {
    let span = crate::source::Span::new(crate::source::FileId(0), 0, 0);
    check_uri(
        kind,
        &Spanned::new(uri.to_string(), span),
        &mut Diagnostics::new(),
    )
}
