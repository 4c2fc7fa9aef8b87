//! Topics and notifications as emitted: every endpoint kind and filter in
//! Rook v1.20's field names (snapshot), and the emitted manifests import
//! back to a program that builds them byte for byte.

use std::path::Path;

use rookc::source::SourceMap;

use crate::support::tree_text;

const PROGRAM: &str = r#"objectstore s3 { namespace = "rook-ceph"  storage_class = "rook-ceph-bucket" }

namespace "shop" {
  store = s3

  topic webhooks {
    opaque_data = "shop@example.com"
    http { uri = "https://hooks.shop:8443/s3"  disable_verify_ssl = false  send_cloud_events = true }
  }

  topic orders {
    persistent = true
    amqp { uri = "amqps://rgw@rabbitmq.shop:5671/orders"  exchange = "orders"  ack_level = routable }
  }

  topic audit {
    kafka {
      uri             = "kafka://kafka.shop:9093"
      use_ssl         = true
      ack_level       = none
      mechanism       = SCRAM-SHA-256
      user_secret     = "kafka-rgw"
      user_key        = "username"
      password_secret = "kafka-rgw"
      password_key    = "password"
    }
  }

  notification invoices {
    topic  = orders
    events = ["s3:ObjectCreated:Put", "s3:ObjectCreated:CompleteMultipartUpload"]
    key { suffix = ".pdf"  prefix = "invoices/" }
  }

  @allow(unapplied-filter)
  notification everything {
    topic = audit
    metadata { "x-amz-meta-team" = "billing" }
    tags { retention = "7y" }
  }

  notification hooks { topic = webhooks }

  bucket invoices {
    notifications = [invoices, everything, hooks]
    labels { team = "billing" }
  }
}
"#;

fn compile(text: &str) -> rookc::Compilation {
    let mut sources = SourceMap::new();
    sources.add("shop.rook", text.to_string());
    rookc::compile(&sources).expect("emit never fails")
}

#[test]
fn every_endpoint_and_filter_is_emitted_in_rooks_field_names() {
    let compilation = compile(PROGRAM);
    assert!(
        compilation.diagnostics.is_empty(),
        "{:?}",
        compilation.diagnostics
    );
    insta::assert_snapshot!("topics-and-notifications", tree_text(&compilation));
}

#[test]
fn emitted_topics_and_notifications_import_to_the_same_build() {
    let compilation = compile(PROGRAM);
    let manifests = compilation.manifests.as_ref().expect("manifests");
    let out = tempfile::tempdir().expect("temp dir");
    let built = out.path().join("build");
    rookc::output::write_dir(&built, manifests, &Default::default()).expect("written");
    let imported = rookc::import::import(&[built], Path::new("imported.rook")).expect("import");
    assert!(
        imported.is_complete(),
        "{}\n{}",
        imported.source,
        imported.report_text()
    );
    let rebuilt = compile(&imported.source);
    assert_eq!(tree_text(&rebuilt), tree_text(&compilation));
}
