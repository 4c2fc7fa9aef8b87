//! The fast path's rules for bucket policies and lifecycles (the grammar's
//! last two sections).

use super::Parser;
use crate::ast::*;
use crate::source::Spanned;

impl Parser<'_> {
    /// `policy = { kw_policy ~ lbrace ~ statement* ~ rbrace }`.
    pub(super) fn policy(&mut self) -> Option<Policy> {
        let start = self.pos;
        let keyword = self.keyword("policy")?;
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut statements = Vec::new();
        self.repeat(&mut statements, Self::statement);
        self.skip();
        self.punct(b'}')?;
        Some(Policy {
            keyword,
            statements,
            span: self.span(start, self.pos),
        })
    }

    /// `statement = { suppression* ~ effect ~ principals ~ action+ ~
    /// (kw_on ~ resources)? }`. Its span ends with its last part, not with
    /// the blanks pest takes after it.
    fn statement(&mut self) -> Option<Statement> {
        let start = self.pos;
        let allows = self.suppressions();
        self.skip();
        let effect = if let Some(span) = self.keyword("allow") {
            Spanned::new(Effect::Allow, span)
        } else {
            Spanned::new(Effect::Deny, self.keyword("deny")?)
        };
        self.skip();
        let principals = self.principals()?;
        self.skip();
        let mut actions = vec![self.action()?];
        self.repeat_after_first(&mut actions, Self::action);
        let mut end = match actions.last() {
            Some(Action::Group(a) | Action::Literal(a)) => a.span.end,
            None => self.pos,
        };
        self.skip();
        let resources = self
            .attempt(|p| {
                p.keyword("on")?;
                p.skip();
                p.resources()
            })
            .map(|(resources, resources_end)| {
                end = resources_end;
                resources
            })
            .unwrap_or_default();
        Some(Statement {
            allows,
            effect,
            principals,
            actions,
            resources,
            span: self.span(start, end),
        })
    }

    /// `principals = { lbracket ~ principal ~ (comma ~ principal)* ~
    /// comma? ~ rbracket | principal }`.
    fn principals(&mut self) -> Option<Vec<Principal>> {
        let list = self.attempt(|p| {
            p.punct(b'[')?;
            p.skip();
            let mut list = vec![p.principal()?];
            p.skip();
            p.repeat(&mut list, |p| {
                p.punct(b',')?;
                p.skip();
                p.principal()
            });
            p.skip();
            p.attempt(|p| p.punct(b','));
            p.skip();
            p.punct(b']')?;
            Some(list)
        });
        match list {
            Some(list) => Some(list),
            None => self.attempt(Self::principal).map(|p| vec![p]),
        }
    }

    /// `principal = { kw_anyone | string | ref_ident }`.
    fn principal(&mut self) -> Option<Principal> {
        if let Some(span) = self.keyword("anyone") {
            return Some(Principal::Anyone(span));
        }
        if let Some(arn) = self.string() {
            return Some(Principal::Arn(arn));
        }
        let name = self.ref_ident()?;
        Some(Principal::User(self.spanned_text(name)))
    }

    /// `action = { string | ref_ident }`.
    fn action(&mut self) -> Option<Action> {
        if let Some(literal) = self.string() {
            return Some(Action::Literal(literal));
        }
        let group = self.ref_ident()?;
        Some(Action::Group(self.spanned_text(group)))
    }

    /// `resources = { lbracket ~ string ~ (comma ~ string)* ~ comma? ~
    /// rbracket | string }`, with where it ends.
    fn resources(&mut self) -> Option<(Vec<Spanned<String>>, usize)> {
        let list = self.attempt(|p| {
            p.punct(b'[')?;
            p.skip();
            let mut list = vec![p.string()?];
            p.skip();
            p.repeat(&mut list, |p| {
                p.punct(b',')?;
                p.skip();
                p.string()
            });
            p.skip();
            p.attempt(|p| p.punct(b','));
            p.skip();
            p.punct(b']')?;
            Some(list)
        });
        match list {
            Some(list) => Some((list, self.pos)),
            None => {
                let string = self.string()?;
                Some((vec![string], self.pos))
            }
        }
    }

    /// `lifecycle = { kw_lifecycle ~ lbrace ~ lifecycle_rule* ~ rbrace }`.
    pub(super) fn lifecycle(&mut self) -> Option<Lifecycle> {
        let start = self.pos;
        let keyword = self.keyword("lifecycle")?;
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut rules = Vec::new();
        self.repeat(&mut rules, Self::lifecycle_rule);
        self.skip();
        self.punct(b'}')?;
        Some(Lifecycle {
            keyword,
            rules,
            span: self.span(start, self.pos),
        })
    }

    /// `lifecycle_rule = { !(unit_word ~ !ident_char | kw_after | kw_to) ~ ident ~ string? ~
    /// (kw_after ~ number ~ (kw_to ~ string)?)? ~ rule_options? }`. Its
    /// span runs from the action to the last part.
    fn lifecycle_rule(&mut self) -> Option<LifecycleRule> {
        let action = self.ident()?;
        let action = self.spanned_text(action);
        if matches!(
            action.value.to_ascii_lowercase().as_str(),
            "days" | "day" | "d"
        ) || action.value == "after"
            || action.value == "to"
        {
            return None;
        }
        self.skip();
        let prefix = self.string();
        self.skip();
        let timing = self.attempt(|p| {
            p.keyword("after")?;
            p.skip();
            let after = p.number()?;
            p.skip();
            let target = p.attempt(|p| {
                p.keyword("to")?;
                p.skip();
                p.string()
            });
            Some((after, target))
        });
        let (after, target) = match timing {
            Some((after, target)) => (Some(after), target),
            None => (None, None),
        };
        self.skip();
        let options = self.attempt(Self::rule_options);
        let end = [
            prefix.as_ref().map(|p| p.span),
            after.as_ref().map(|a| a.span),
            target.as_ref().map(|t| t.span),
            options.as_ref().map(|o| o.span),
        ]
        .into_iter()
        .flatten()
        .next_back()
        .unwrap_or(action.span);
        Some(LifecycleRule {
            span: action.span.to(end),
            action,
            prefix,
            after,
            target,
            options,
        })
    }

    /// `rule_options = { lbrace ~ (block | attribute)* ~ rbrace }`.
    fn rule_options(&mut self) -> Option<RuleOptions> {
        let start = self.pos;
        self.punct(b'{')?;
        self.skip();
        let mut items = Vec::new();
        self.repeat(&mut items, |p| {
            if let Some(block) = p.attempt(Self::block) {
                return Some(RuleOption::Block(block));
            }
            p.attempt(Self::attribute).map(RuleOption::Attribute)
        });
        self.skip();
        self.punct(b'}')?;
        Some(RuleOptions {
            items,
            span: self.span(start, self.pos),
        })
    }
}
