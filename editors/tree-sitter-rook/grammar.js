/**
 * @file The rook storage language of rookc (`*.rook`), for tree-sitter.
 * @license Apache-2.0
 *
 * It follows grammar/rook.pest, the language of record: the same shapes,
 * keywords only where the pest grammar expects them (tree-sitter returns a
 * keyword only where the parser can take it, so `namespace = "x"` and
 * `caps { user = read }` have identifier keys), and the same tokens.
 * Meaning (which attributes a block takes, which units fit, which escapes
 * exist) is the checker's, as in rookc.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const DECLARATION_KINDS = [
  'objectstore',
  'filesystem',
  'subvolumegroup',
  'blockpool',
  'blockclass',
  'snapshotclass',
  'account',
  'user',
  'bucketclass',
  'fileclass',
  'bucket',
  'volume',
  'snapshot',
  'topic',
  'notification',
  'client',
];

/** `rule, rule, ...` with an optional trailing comma (at least one rule). */
function commaSeparated1(rule) {
  return seq(rule, repeat(seq(',', rule)), optional(','));
}

/** `rule` alone or `[rule, rule, ...]`. */
function oneOrList(rule) {
  return choice(seq('[', commaSeparated1(rule), ']'), rule);
}

module.exports = grammar({
  name: 'rook',

  extras: $ => [/[ \t\r\n]/, $.comment],

  word: $ => $.identifier,

  rules: {
    source_file: $ => repeat(choice($.settings, $.namespace_group, $.declaration)),

    // `rook { obc_fields = ["maxObjects", "maxSize"] }`: program settings.
    settings: $ => seq('rook', '{', repeat($.attribute), '}'),

    // `namespace "apps" { store = homelab  budget { size = 2Ti }  bucket x { ... } }`
    namespace_group: $ => seq(
      'namespace',
      field('name', $.string),
      '{',
      repeat(choice(
        alias($._group_attribute, $.attribute),
        $.block,
        $.declaration,
      )),
      '}',
    ),

    // In a group a declaration keyword may also be a key (`filesystem = fs`).
    _group_attribute: $ => seq(
      field('key', choice($.identifier, alias(choice(...DECLARATION_KINDS), $.identifier))),
      '=',
      field('value', $._value),
    ),

    // `@allow(unused-user, public-read)`
    suppression: $ => seq(
      '@allow',
      '(',
      commaSeparated1(field('lint', $.identifier)),
      ')',
    ),

    declaration: $ => seq(
      repeat($.suppression),
      field('kind', choice(...DECLARATION_KINDS)),
      field('name', $.identifier),
      '{',
      repeat(choice($.policy, $.lifecycle, $.block, $.attribute)),
      '}',
    ),

    // `key = value`; in a declaration `policy` and `lifecycle` may be keys.
    attribute: $ => seq(
      field('key', choice($.identifier, alias(choice('policy', 'lifecycle'), $.identifier))),
      '=',
      field('value', $._value),
    ),

    // `quota { ... }`, `caps { ... }`, `labels { ... }`, `annotations { ... }`
    block: $ => seq(
      field('name', $.identifier),
      '{',
      repeat($.entry),
      '}',
    ),

    // Label and annotation keys may be quoted.
    entry: $ => seq(
      field('key', choice($.identifier, $.string)),
      '=',
      field('value', $._value),
    ),

    // ------------------------------------------------------------------
    // Bucket policies
    // ------------------------------------------------------------------

    policy: $ => seq('policy', '{', repeat($.statement), '}'),

    // `allow grafana read on "index/"`, `deny anyone delete`
    statement: $ => seq(
      repeat($.suppression),
      field('effect', choice('allow', 'deny')),
      oneOrList(field('principal', $._principal)),
      repeat1(field('action', choice($.string, $.identifier))),
      optional(seq('on', oneOrList(field('resource', $.string)))),
    ),

    _principal: $ => choice($.anyone, $.string, $.identifier),

    anyone: _ => 'anyone',

    // ------------------------------------------------------------------
    // Bucket lifecycle
    // ------------------------------------------------------------------

    lifecycle: $ => seq('lifecycle', '{', repeat($.lifecycle_rule), '}'),

    // `expire "tmp/" after 1d`, `transition after 30d to "COLD"`,
    // `expire-delete-markers { id = "markers" }`
    lifecycle_rule: $ => seq(
      field('action', $.identifier),
      optional(field('prefix', $.string)),
      optional(seq(
        'after',
        field('age', $.number),
        optional(seq('to', field('storage_class', $.string))),
      )),
      optional(field('options', $.rule_options)),
    ),

    // `{ id = "..."  newer_versions = 3  tags { env = "dev" } }`
    rule_options: $ => seq('{', repeat(choice($.block, $.attribute)), '}'),

    // ------------------------------------------------------------------
    // Values
    // ------------------------------------------------------------------

    _value: $ => choice($.string, $.number, $.boolean, $.list, $.identifier),

    list: $ => seq('[', optional(commaSeparated1($._value)), ']'),

    boolean: _ => choice('true', 'false'),

    // `5`, `1_000_000`, `10Gi`, `1.5T`, `30d`: the unit is part of the token.
    number: _ => token(/-?[0-9][0-9_]*(\.[0-9]+)?[A-Za-z]*/),

    // A string on one line. Every escape is one node: which are known
    // (`\"`, `\\`, `\n`, `\t`, `\r`) is the checker's (E0102).
    string: $ => seq(
      '"',
      repeat(choice($.string_content, $.escape_sequence)),
      token.immediate('"'),
    ),

    string_content: _ => token.immediate(prec(1, /[^"\\\r\n]+/)),

    escape_sequence: _ => token.immediate(seq('\\', /[^\r\n]/)),

    identifier: _ => /[A-Za-z_][A-Za-z0-9_-]*/,

    // To the end of the line: a `\n` (or `\r\n`) ends it; as in rookc, a
    // lone `\r` does not.
    comment: _ => token(seq('#', /([^\r\n]|\r[^\n])*/)),
  },
});
