//! CephObjectStoreAccounts to `account` declarations, read before the
//! users so that a user's `spec.accountRef` can name the account.

use serde_json::Value;

use super::plan::{Kind, Planner};
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;

impl Planner<'_> {
    pub fn import_accounts(&mut self) {
        for index in self.of_kind(Kind::Account) {
            self.import_account(index);
        }
    }

    fn import_account(&mut self, index: usize) {
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        let Some(store) = self.store_name(index, &mut start, "store") else {
            return;
        };
        if let Some(existing) = self.accounts.get(&start.name) {
            return self.skip(index, format!("another account named `{}` (of object store `{existing}`) is imported already, and account names are unique across the program", start.name));
        }
        // Rook looks the store up in the account's own namespace.
        let namespace = start.namespace.clone().unwrap_or_default();
        let entry = self.stores.entry(store.clone()).or_default();
        let store_namespace = entry
            .namespace
            .get_or_insert_with(|| namespace.clone())
            .clone();
        if store_namespace != namespace {
            return self.skip(index, format!("it is in namespace `{namespace}`, but object store `{store}` is in `{store_namespace}` (from another input), and Rook looks an account's store up in the account's namespace"));
        }
        let mut decl = Decl::new(DeclKind::Account, &start.name);
        if let Some(Ok(name)) = start.fields.string(&["spec", "name"]) {
            if name != start.name {
                decl.attribute("account_name", write::quote(name));
            }
        }
        if let Some(Ok(id)) = start.fields.string(&["spec", "accountID"]) {
            decl.attribute("account_id", write::quote(id));
        }
        let mut root_user = Vec::new();
        if let Some(Value::Bool(skip)) = start.fields.peek(&["spec", "rootUser", "skipCreate"]) {
            // `skipCreate: false` is the default; writing nothing keeps it.
            if *skip {
                root_user.push(("create".to_string(), "false".to_string()));
            }
            start.fields.take(&["spec", "rootUser", "skipCreate"]);
        }
        if let Some(Ok(display)) = start.fields.string(&["spec", "rootUser", "displayName"]) {
            root_user.push(("display_name".to_string(), write::quote(display)));
        }
        if !root_user.is_empty() {
            decl.items.push(Item::Block("root_user".into(), root_user));
        }
        Self::metadata_blocks(&start, &mut decl);
        self.accounts.insert(start.name.clone(), store.clone());
        self.place(
            index,
            &start,
            decl,
            "CephObjectStoreAccount",
            Some(store),
            None,
        );
    }
}
