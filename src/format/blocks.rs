//! Printing blocks: groups, declarations, attribute runs, entry blocks,
//! policies and lifecycles.

use super::{body_item_span, Printer, MAX_WIDTH};
use crate::ast::{self, Attribute, BodyItem, Declaration, Value, ValueKind};

impl Printer<'_> {
    pub(super) fn group(&mut self, group: &ast::Group) {
        let header = format!("namespace {} {{", self.slice(group.namespace.span));
        self.line(&header);
        let first_inside = group
            .attributes
            .iter()
            .map(|a| a.span.start)
            .chain(group.blocks.iter().map(|b| b.span.start))
            .chain(group.declarations.iter().map(|d| d.span.start))
            .min();
        self.trailing_before(
            group.namespace.span.end,
            first_inside.unwrap_or(group.span.end),
        );
        self.out.push('\n');
        self.indent += 1;
        // Defaults and the group's own blocks (`budget`) in the order
        // written, so that comments stay with them; declarations after.
        let mut heads: Vec<GroupHead> = group
            .attributes
            .iter()
            .map(GroupHead::Default)
            .chain(group.blocks.iter().map(GroupHead::Block))
            .collect();
        heads.sort_by_key(|head| head.start());
        let mut previous_end = group.namespace.span.end;
        let mut index = 0;
        while let Some(head) = heads.get(index) {
            match head {
                GroupHead::Default(_) => {
                    let run: Vec<&Attribute> = heads[index..]
                        .iter()
                        .map_while(|head| match head {
                            GroupHead::Default(attribute) => Some(*attribute),
                            GroupHead::Block(_) => None,
                        })
                        .collect();
                    previous_end = self.attributes(&run, previous_end, index == 0);
                    index += run.len();
                }
                GroupHead::Block(block) => {
                    self.gap_before(previous_end, block.span.start, index == 0);
                    self.entry_block(block);
                    previous_end = block.span.end;
                    index += 1;
                }
            }
        }
        let header_only = heads.is_empty();
        for (index, decl) in group.declarations.iter().enumerate() {
            let first = index == 0 && header_only;
            // Declarations in a group are parted by one blank line, like
            // top-level ones.
            if !first && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            self.leading(decl.span.start, !first);
            self.declaration(decl);
        }
        self.close(group.span.end);
    }

    /// `rook { ... }`, laid out like a declaration's body of attributes.
    pub(super) fn settings(&mut self, settings: &ast::Settings) {
        if settings.attributes.is_empty() && !self.has_comment_within(settings.span) {
            self.line("rook { }");
            self.trailing(settings.span.end);
            self.out.push('\n');
            return;
        }
        self.line("rook {");
        self.trailing_before(
            settings.keyword.end,
            settings
                .attributes
                .first()
                .map_or(settings.span.end, |a| a.span.start),
        );
        self.out.push('\n');
        self.indent += 1;
        let attributes: Vec<&Attribute> = settings.attributes.iter().collect();
        if !attributes.is_empty() {
            self.attributes(&attributes, settings.keyword.end, true);
        }
        self.close(settings.span.end);
    }

    /// Closes a block: comments before its `}`, then the brace.
    fn close(&mut self, end: usize) {
        self.leading(end.saturating_sub(1), true);
        self.indent -= 1;
        self.line("}");
        self.trailing(end);
        self.out.push('\n');
    }

    pub(super) fn declaration(&mut self, decl: &Declaration) {
        self.allows(&decl.allows);
        if decl.body.is_empty() && !self.has_comment_within(decl.span) {
            self.line(&format!(
                "{} {} {{ }}",
                decl.kind.value.keyword(),
                decl.name.value
            ));
            self.trailing(decl.span.end);
            self.out.push('\n');
            return;
        }
        let header = format!("{} {} {{", decl.kind.value.keyword(), decl.name.value);
        self.line(&header);
        self.trailing_before(
            decl.name.span.end,
            decl.body
                .first()
                .map_or(decl.span.end, |item| body_item_span(item).start),
        );
        self.out.push('\n');
        self.indent += 1;
        let mut previous_end = decl.name.span.end;
        let mut index = 0;
        while let Some(item) = decl.body.get(index) {
            if let BodyItem::Attribute(_) = item {
                let attributes: Vec<&Attribute> = decl.body[index..]
                    .iter()
                    .map_while(|item| match item {
                        BodyItem::Attribute(attribute) => Some(attribute),
                        BodyItem::Block(_) | BodyItem::Policy(_) | BodyItem::Lifecycle(_) => None,
                    })
                    .collect();
                index += attributes.len();
                previous_end =
                    self.attributes(&attributes, previous_end, index == attributes.len());
                continue;
            }
            let span = body_item_span(item);
            self.gap_before(previous_end, span.start, index == 0);
            self.body_block(item);
            previous_end = span.end;
            index += 1;
        }
        self.close(decl.span.end);
    }

    /// Attributes in runs: consecutive ones, not parted by a blank line or a
    /// comment line, have their `=` aligned. Returns where the last ends.
    fn attributes(
        &mut self,
        attributes: &[&Attribute],
        mut previous_end: usize,
        first: bool,
    ) -> usize {
        let mut start = 0;
        while start < attributes.len() {
            let mut end = start + 1;
            while let Some(next) = attributes.get(end) {
                let before = attributes[end - 1].span.end;
                if self.blank_between(before, next.span.start)
                    || self.comment_line_between(before, next.span.start)
                {
                    break;
                }
                end += 1;
            }
            self.gap_before(
                previous_end,
                attributes[start].span.start,
                first && start == 0,
            );
            self.attribute_run(&attributes[start..end]);
            previous_end = attributes[end - 1].span.end;
            start = end;
        }
        previous_end
    }

    /// Keeps one blank line where the source had one before an item, then
    /// prints the comment lines before it.
    fn gap_before(&mut self, previous_end: usize, start: usize, first: bool) {
        if !first && self.blank_between(previous_end, start) && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        self.leading(start, !first);
    }

    /// A run of attributes with their `=` aligned, and the comments that
    /// follow them on their lines aligned too.
    fn attribute_run(&mut self, run: &[&Attribute]) {
        let width = run
            .iter()
            .map(|a| self.key_text(a).chars().count())
            .max()
            .unwrap_or(0);
        let lines: Vec<(String, Option<String>)> = run
            .iter()
            .map(|a| {
                let code = format!("{:<width$} = {}", self.key_text(a), self.value(&a.value));
                (code, self.trailing_comment(a.span.end))
            })
            .collect();
        let comment_column = lines
            .iter()
            .filter(|(_, comment)| comment.is_some())
            .map(|(code, _)| code.chars().count())
            .max()
            .unwrap_or(0);
        for (code, comment) in lines {
            self.line(&code);
            if let Some(comment) = comment {
                self.out
                    .push_str(&" ".repeat(comment_column - code.chars().count() + 2));
                self.out.push_str(&comment);
            }
            self.out.push('\n');
        }
    }

    /// A key as written: a name, or a quoted string for labels.
    fn key_text(&self, attribute: &Attribute) -> String {
        self.slice(attribute.key.span).to_string()
    }

    fn value(&self, value: &Value) -> String {
        match &value.kind {
            ValueKind::List(items) => {
                let parts: Vec<String> = items.iter().map(|v| self.value(v)).collect();
                format!("[{}]", parts.join(", "))
            }
            ValueKind::Str(_)
            | ValueKind::Number { .. }
            | ValueKind::Bool(_)
            | ValueKind::Ident(_) => self.slice(value.span).to_string(),
        }
    }

    fn has_comment_within(&self, span: crate::source::Span) -> bool {
        self.comments
            .iter()
            .any(|c| c.span.start > span.start && c.span.start < span.end)
    }

    fn body_block(&mut self, item: &BodyItem) {
        match item {
            BodyItem::Attribute(attribute) => self.attribute_run(&[attribute]),
            BodyItem::Block(block) => self.entry_block(block),
            BodyItem::Policy(policy) => {
                let first = policy
                    .statements
                    .first()
                    .map_or(policy.span.end, |st| st.span.start);
                self.open("policy", policy.keyword.end, first);
                for statement in &policy.statements {
                    self.leading(statement.span.start, true);
                    self.allows(&statement.allows);
                    let text = self.statement(statement);
                    self.line(&text);
                    self.trailing(statement.span.end);
                    self.out.push('\n');
                }
                self.close(policy.span.end);
            }
            BodyItem::Lifecycle(lifecycle) => {
                let first = lifecycle
                    .rules
                    .first()
                    .map_or(lifecycle.span.end, |r| r.span.start);
                self.open("lifecycle", lifecycle.keyword.end, first);
                for rule in &lifecycle.rules {
                    self.leading(rule.span.start, true);
                    let mut text = rule.action.value.clone();
                    if let Some(prefix) = &rule.prefix {
                        text.push(' ');
                        text.push_str(self.slice(prefix.span));
                    }
                    if let Some(after) = &rule.after {
                        text.push_str(" after ");
                        text.push_str(self.slice(after.span));
                    }
                    if let Some(target) = &rule.target {
                        text.push_str(" to ");
                        text.push_str(self.slice(target.span));
                    }
                    if let Some(options) = &rule.options {
                        text.push(' ');
                        text.push_str(&self.rule_options(options));
                    }
                    self.line(&text);
                    // Comments inside the options follow the rule's line.
                    let mut inline = true;
                    while let Some(comment) = self
                        .comments
                        .get(self.next_comment)
                        .filter(|c| c.span.start < rule.span.end)
                    {
                        let comment = self.slice(comment.span).to_string();
                        self.next_comment += 1;
                        if inline {
                            self.out.push_str("  ");
                            self.out.push_str(&comment);
                            inline = false;
                        } else {
                            self.out.push('\n');
                            self.line(&comment);
                        }
                    }
                    if inline {
                        self.trailing(rule.span.end);
                    }
                    self.out.push('\n');
                }
                self.close(lifecycle.span.end);
            }
        }
    }

    /// `{ id = "x"  tags { env = "dev" } }`, on the rule's line.
    fn rule_options(&self, options: &ast::RuleOptions) -> String {
        let items: Vec<String> = options
            .items
            .iter()
            .map(|item| match item {
                ast::RuleOption::Attribute(a) => {
                    format!("{} = {}", self.key_text(a), self.value(&a.value))
                }
                ast::RuleOption::Block(block) => {
                    let entries: Vec<String> = block
                        .entries
                        .iter()
                        .map(|e| format!("{} = {}", self.key_text(e), self.value(&e.value)))
                        .collect();
                    if entries.is_empty() {
                        format!("{} {{ }}", block.name.value)
                    } else {
                        format!("{} {{ {} }}", block.name.value, entries.join("  "))
                    }
                }
            })
            .collect();
        if items.is_empty() {
            "{ }".to_string()
        } else {
            format!("{{ {} }}", items.join("  "))
        }
    }

    /// Opens `keyword {`, keeping a comment after the brace that comes
    /// before the first item at `first_inside`.
    fn open(&mut self, keyword: &str, keyword_end: usize, first_inside: usize) {
        self.line(&format!("{keyword} {{"));
        self.trailing_before(keyword_end, first_inside);
        self.out.push('\n');
        self.indent += 1;
    }

    /// `quota { buckets = 5  size = 500Gi }` on one line when it fits and
    /// holds no comment; otherwise one aligned entry per line.
    fn entry_block(&mut self, block: &ast::Block) {
        let entries: Vec<String> = block
            .entries
            .iter()
            .map(|e| format!("{} = {}", self.key_text(e), self.value(&e.value)))
            .collect();
        let inline = if entries.is_empty() {
            format!("{} {{ }}", block.name.value)
        } else {
            format!("{} {{ {} }}", block.name.value, entries.join("  "))
        };
        if !self.has_comment_within(block.span) && self.indent * 2 + inline.len() <= MAX_WIDTH {
            self.line(&inline);
            self.trailing(block.span.end);
            self.out.push('\n');
            return;
        }
        self.line(&format!("{} {{", block.name.value));
        self.trailing_before(
            block.name.span.end,
            block
                .entries
                .first()
                .map_or(block.span.end, |e| e.span.start),
        );
        self.out.push('\n');
        self.indent += 1;
        let entries: Vec<&Attribute> = block.entries.iter().collect();
        self.attributes(&entries, block.name.span.end, true);
        self.close(block.span.end);
    }

    fn statement(&self, statement: &ast::Statement) -> String {
        let effect = match statement.effect.value {
            ast::Effect::Allow => "allow",
            ast::Effect::Deny => "deny",
        };
        let principals: Vec<String> = statement
            .principals
            .iter()
            .map(|p| match p {
                ast::Principal::Anyone(_) => "anyone".to_string(),
                ast::Principal::User(name) => name.value.clone(),
                ast::Principal::Arn(arn) => self.slice(arn.span).to_string(),
            })
            .collect();
        let principals = if principals.len() == 1 {
            principals.concat()
        } else {
            format!("[{}]", principals.join(", "))
        };
        let actions: Vec<String> = statement
            .actions
            .iter()
            .map(|a| match a {
                ast::Action::Group(name) => name.value.clone(),
                ast::Action::Literal(text) => self.slice(text.span).to_string(),
            })
            .collect();
        let mut text = format!("{effect} {principals} {}", actions.join(" "));
        if !statement.resources.is_empty() {
            let patterns: Vec<&str> = statement
                .resources
                .iter()
                .map(|r| self.slice(r.span))
                .collect();
            text.push_str(" on ");
            if patterns.len() == 1 {
                text.push_str(patterns[0]);
            } else {
                text.push_str(&format!("[{}]", patterns.join(", ")));
            }
        }
        text
    }
}

/// A default or a block of a `namespace` group.
enum GroupHead<'g> {
    Default(&'g Attribute),
    Block(&'g ast::Block),
}

impl GroupHead<'_> {
    fn start(&self) -> usize {
        match self {
            GroupHead::Default(attribute) => attribute.span.start,
            GroupHead::Block(block) => block.span.start,
        }
    }
}
