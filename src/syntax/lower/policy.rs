//! Lowering of bucket policies and lifecycles (the grammar's last two
//! sections).

use pest::iterators::Pair;

use super::{children, Lowerer, Rule};
use crate::ast::*;
use crate::source::Spanned;

impl Lowerer<'_> {
    pub(super) fn policy(&mut self, pair: Pair<Rule>) -> Policy {
        let span = self.span(&pair);
        let mut keyword = span;
        let mut statements = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_policy => keyword = self.span(&child),
                Rule::statement => statements.push(self.statement(child)),
                _ => {}
            }
        }
        Policy {
            keyword,
            statements,
            span,
        }
    }

    fn statement(&mut self, pair: Pair<Rule>) -> Statement {
        let span = self.span(&pair);
        let mut statement = Statement {
            allows: Vec::new(),
            effect: Spanned::new(Effect::Allow, span),
            principals: Vec::new(),
            actions: Vec::new(),
            resources: Vec::new(),
            span,
        };
        let mut last_end = span.start;
        for child in children(pair) {
            last_end = self.span(&child).end;
            match child.as_rule() {
                Rule::suppression => statement.allows.extend(self.suppression(child)),
                Rule::effect => {
                    let effect = if child.as_str() == "deny" {
                        Effect::Deny
                    } else {
                        Effect::Allow
                    };
                    statement.effect = Spanned::new(effect, self.span(&child));
                }
                Rule::principals => {
                    for principal in children(child).filter(|p| p.as_rule() == Rule::principal) {
                        statement.principals.push(self.principal(principal));
                    }
                }
                Rule::action => {
                    if let Some(inner) = children(child).next() {
                        statement.actions.push(match inner.as_rule() {
                            Rule::string => Action::Literal(self.string(inner)),
                            _ => Action::Group(self.text(&inner)),
                        });
                    }
                }
                Rule::resources => {
                    for resource in children(child).filter(|p| p.as_rule() == Rule::string) {
                        statement.resources.push(self.string(resource));
                    }
                }
                _ => {}
            }
        }
        // The pair's span may reach over the blanks after the statement.
        statement.span.end = last_end;
        statement
    }

    fn principal(&mut self, pair: Pair<Rule>) -> Principal {
        let span = self.span(&pair);
        match children(pair).next() {
            Some(inner) if inner.as_rule() == Rule::string => Principal::Arn(self.string(inner)),
            Some(inner) if inner.as_rule() == Rule::ref_ident => Principal::User(self.text(&inner)),
            _ => Principal::Anyone(span),
        }
    }

    pub(super) fn lifecycle(&mut self, pair: Pair<Rule>) -> Lifecycle {
        let span = self.span(&pair);
        let mut keyword = span;
        let mut rules = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_lifecycle => keyword = self.span(&child),
                Rule::lifecycle_rule => rules.push(self.lifecycle_rule(child)),
                _ => {}
            }
        }
        Lifecycle {
            keyword,
            rules,
            span,
        }
    }

    fn lifecycle_rule(&mut self, pair: Pair<Rule>) -> LifecycleRule {
        let span = self.span(&pair);
        let mut action = Spanned::new(String::new(), span);
        let mut prefix = None;
        let mut after = None;
        let mut target = None;
        let mut options = None;
        let mut seen_after = false;
        for child in children(pair) {
            match child.as_rule() {
                Rule::ident => action = self.text(&child),
                Rule::kw_after => seen_after = true,
                Rule::string if !seen_after => prefix = Some(self.string(child)),
                Rule::string => target = Some(self.string(child)),
                Rule::number => {
                    after = Some(Value {
                        kind: self.number(&child),
                        span: self.span(&child),
                    })
                }
                Rule::rule_options => options = Some(self.rule_options(child)),
                _ => {}
            }
        }
        // The pair's span may reach over the blanks after the rule.
        let end = [
            Some(action.span),
            prefix.as_ref().map(|p: &Spanned<String>| p.span),
            after.as_ref().map(|a: &Value| a.span),
            target.as_ref().map(|t: &Spanned<String>| t.span),
            options.as_ref().map(|o: &RuleOptions| o.span),
        ]
        .into_iter()
        .flatten()
        .next_back()
        .unwrap_or(action.span);
        LifecycleRule {
            span: action.span.to(end),
            action,
            prefix,
            after,
            target,
            options,
        }
    }

    fn rule_options(&mut self, pair: Pair<Rule>) -> RuleOptions {
        let span = self.span(&pair);
        let mut items = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::attribute => items.push(RuleOption::Attribute(self.attribute(child))),
                Rule::block => items.push(RuleOption::Block(self.block(child))),
                _ => {}
            }
        }
        RuleOptions { items, span }
    }
}
