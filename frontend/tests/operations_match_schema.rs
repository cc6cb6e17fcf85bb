//! Every GraphQL operation the front end sends, checked against the server's
//! `schema.graphql` (at the repository root) by a real validator,
//! apollo-compiler: a syntax error, an unknown field, type or argument, a
//! variable of the wrong type or a missing required argument fails here
//! rather than only in the browser. Whether `schema.graphql` is current is
//! another test's business; this one reads it as it is.
//!
//! Nothing registers the operations, so a new one cannot be forgotten: the
//! test reads every `.rs` file under `src/`, finds each string literal that
//! starts an operation (`query`, `mutation`, `subscription`, or an anonymous
//! `{ field … }`) and rebuilds the text the front end sends from how it is
//! written there. Rust's own tokenizer and unescaping (proc-macro2 and syn)
//! read the literals, so `\` line continuations and escapes come out exactly
//! as the compiler makes them. Understood, because the code uses them:
//! - a literal, or a `const` holding one;
//! - `concat!` of literals and local `macro_rules!` that expand to one
//!   literal (how the supervision record shares its field lists);
//! - `format!` whose `{NAME}`s are `const`s of the same file (`{{` and `}}`
//!   unescaped); a local variable only when [`DYNAMIC`] lists every value it
//!   can take, each then checked;
//! - a `{NAME}` placeholder left in a literal, filled by the file's
//!   `.replace("{NAME}", NAME)` (the `with_*_fields` helpers); without that
//!   call it is left in, and the validator rejects it as the server would.
//!
//! Any other way of building an operation (a positional `format!` argument,
//! an unknown variable) fails naming the place, so it must be taught here
//! rather than skipped; a floor on the number found and a check that every
//! file calling `graphql(` yields an operation guard the extractor itself.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Fewer than this means the extractor broke, not that the front end shrank
/// (there were 64 places building 65 operations when it was written).
const AT_LEAST: usize = 50;

/// A value a local variable spliced into an operation can take.
enum Value {
    /// Written out.
    Text(&'static str),
    /// A `const` of the same file.
    Const(&'static str),
}

/// Local variables spliced into an operation by `format!`, by file, with
/// every value each can take; every combination is validated.
const DYNAMIC: &[(&str, &str, &[Value])] = &[
    // `agreement(id, content)`: the content fields only for those who may
    // read them.
    (
        "src/api/agreement.rs",
        "content",
        &[Value::Text(""), Value::Const("CONTENT_FIELDS")],
    ),
];

/// One operation as sent, and where it is written.
struct Operation {
    place: String,
    text: String,
}

#[test]
fn every_operation_the_front_end_sends_is_valid_against_the_server_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema_path = root.join("../schema.graphql");
    let schema = match std::fs::read_to_string(&schema_path) {
        Ok(text) => match Schema::parse_and_validate(text, "schema.graphql") {
            Ok(schema) => schema,
            Err(err) => panic!("schema.graphql is not a valid schema:\n{}", err.errors),
        },
        Err(err) => panic!("cannot read {}: {err}", schema_path.display()),
    };

    let mut files = Vec::new();
    collect_rust_files(&root.join("src"), &mut files);
    let mut operations = Vec::new();
    let mut problems = Vec::new();
    let mut dynamic_used = vec![false; DYNAMIC.len()];
    for path in files {
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => panic!("cannot read {name}: {err}"),
        };
        let file = match SourceFile::scan(name, text) {
            Ok(file) => file,
            Err(err) => panic!("{err}"),
        };
        let found = file.operations(&mut dynamic_used, &mut problems);
        if file.graphql_calls > 0 && found.is_empty() {
            problems.push(format!(
                "{} calls graphql( {} times but no operation was found in it: \
                 teach this test how it builds them",
                file.name, file.graphql_calls
            ));
        }
        operations.extend(found);
    }
    for ((file, variable, _), used) in DYNAMIC.iter().zip(dynamic_used) {
        if !used {
            problems.push(format!(
                "DYNAMIC lists `{variable}` in {file}, which no operation uses any more"
            ));
        }
    }
    assert!(
        operations.len() >= AT_LEAST,
        "only {} operations found under src/ (expected at least {AT_LEAST}): \
         the extractor in this test has stopped finding them",
        operations.len()
    );

    for operation in &operations {
        if let Err(err) = validate(&schema, operation) {
            problems.push(err);
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems with the {} operations found under src/:\n\n{}",
        problems.len(),
        operations.len(),
        problems.join("\n")
    );
    println!(
        "{} operations validated against schema.graphql",
        operations.len()
    );
}

#[test]
fn operations_are_rebuilt_as_the_front_end_builds_them() {
    let source = r##"
        /// A doc comment: query Ignored { nothing }
        const FIELDS: &str = "id name";
        macro_rules! more_fields {
            () => {
                "path \
                 level"
            };
        }
        const PLAIN: &str = "query Plain($id: UUID!) { \
            unit(id: $id) { \"x\" } }";
        const JOINED: &str = concat!("query Joined { units { ", more_fields!(), " } }");
        const PLACED: &str = "mutation Placed { change { {FIELDS} } }";
        fn placed(op: &str) -> String { op.replace("{FIELDS}", FIELDS) }
        fn formatted() {
            let _ = graphql(&format!("query Formatted {{ units {{ {FIELDS} }} }}"), ());
            let _ = graphql(r#"{ me { id } }"#, ());
        }
    "##;
    let Ok(file) = SourceFile::scan("src/example.rs".into(), source.into()) else {
        panic!("the example should scan");
    };
    let mut problems = Vec::new();
    let found: Vec<_> = file
        .operations(&mut [], &mut problems)
        .into_iter()
        .map(|o| (o.place, o.text))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let expect = |place: &str, text: &str| (format!("src/example.rs:{place}"), text.to_owned());
    assert_eq!(
        found,
        vec![
            expect(
                "10 (const PLAIN)",
                "query Plain($id: UUID!) { unit(id: $id) { \"x\" } }"
            ),
            expect("12 (const JOINED)", "query Joined { units { path level } }"),
            expect(
                "13 (const PLACED)",
                "mutation Placed { change { id name } }"
            ),
            expect("16", "query Formatted { units { id name } }"),
            expect("17", "{ me { id } }"),
        ]
    );
}

#[test]
fn an_operation_built_in_a_way_this_test_does_not_know_is_reported() {
    let source = r#"
        fn positional(kind: &str) {
            let _ = graphql(&format!("query Positional {{ {} }}", kind), ());
            let _ = graphql(&format!("query Local {{ {kind} }}"), ());
        }
    "#;
    let Ok(file) = SourceFile::scan("src/example.rs".into(), source.into()) else {
        panic!("the example should scan");
    };
    let mut problems = Vec::new();
    let found = file.operations(&mut [], &mut problems);
    assert!(found.is_empty());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("src/example.rs:3"), "{}", problems[0]);
    assert!(problems[1].contains("`{kind}`"), "{}", problems[1]);
}

/// Validates one operation, or says where it is and what is wrong.
fn validate(schema: &Valid<Schema>, operation: &Operation) -> Result<(), String> {
    match ExecutableDocument::parse_and_validate(schema, operation.text.as_str(), &operation.place)
    {
        Ok(_) => Ok(()),
        Err(err) => Err(format!(
            "{} does not match schema.graphql:\n{}\n",
            operation.place, err.errors
        )),
    }
}

/// Every `.rs` file under `dir`, in a stable order.
fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => panic!("cannot list {}: {err}", dir.display()),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a string, as the program holds it, begins a GraphQL operation.
/// `{{` counts as `{`, since a `format!` string is looked at before it is
/// formatted; a brace must be followed by a field name, so JSON (`{"`) and
/// format arguments (`{name}`) are not taken for operations.
fn starts_operation(text: &str) -> bool {
    let text = text.trim_start();
    let keyword = ["query", "mutation", "subscription"].iter().any(|k| {
        text.strip_prefix(k)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_whitespace() || c == '(' || c == '{')
    });
    let anonymous = text
        .strip_prefix("{{")
        .or_else(|| text.strip_prefix('{'))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map(str::trim_start)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'));
    keyword || anonymous
}

/// The value of a string literal token (`"…"`, `r#"…"#`), or `None` for any
/// other literal.
fn string_value(token: &TokenTree) -> Option<String> {
    match token {
        TokenTree::Literal(literal) => match syn::Lit::new(literal.clone()) {
            syn::Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_ident(token: Option<&TokenTree>, name: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(i)) if i == name)
}

/// A place where an operation is built: the expression building it (a
/// literal, or a whole `concat!`/`format!` call), the `const` holding it if
/// any, and the line of its first literal.
struct Site {
    expression: Vec<TokenTree>,
    owner: Option<String>,
    line: usize,
}

/// One source file, read as tokens: its `const`s and one-literal macros (to
/// resolve names), the places that build operations, and how often it calls
/// `graphql(`.
struct SourceFile {
    name: String,
    text: String,
    consts: HashMap<String, Vec<Vec<TokenTree>>>,
    macros: HashMap<String, String>,
    sites: Vec<Site>,
    graphql_calls: usize,
}

impl SourceFile {
    fn scan(name: String, text: String) -> Result<Self, String> {
        let tokens = TokenStream::from_str(&text)
            .map_err(|err| format!("{name} does not tokenize as Rust: {err}"))?;
        let mut file = Self {
            name,
            text,
            consts: HashMap::new(),
            macros: HashMap::new(),
            sites: Vec::new(),
            graphql_calls: 0,
        };
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        file.walk(&tokens, None);
        Ok(file)
    }

    fn walk(&mut self, tokens: &[TokenTree], owner: Option<&str>) {
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            // Attributes, doc comments among them (`#[doc = "…"]`), build no
            // operations.
            if is_punct(Some(token), '#') {
                let j = if is_punct(tokens.get(i + 1), '!') {
                    i + 2
                } else {
                    i + 1
                };
                if matches!(tokens.get(j), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
                {
                    i = j + 1;
                    continue;
                }
            }
            if is_ident(Some(token), "const")
                && let Some(TokenTree::Ident(name)) = tokens.get(i + 1)
                && is_punct(tokens.get(i + 2), ':')
                && let Some(eq) = (i + 3..tokens.len())
                    .find(|&k| is_punct(tokens.get(k), '=') || is_punct(tokens.get(k), ';'))
                    .filter(|&k| is_punct(tokens.get(k), '='))
            {
                let end = (eq + 1..tokens.len())
                    .find(|&k| is_punct(tokens.get(k), ';'))
                    .unwrap_or(tokens.len());
                let value = &tokens[eq + 1..end];
                let name = name.to_string();
                self.consts
                    .entry(name.clone())
                    .or_default()
                    .push(value.to_vec());
                self.walk(value, Some(&name));
                i = end + 1;
                continue;
            }
            if is_ident(Some(token), "macro_rules")
                && is_punct(tokens.get(i + 1), '!')
                && let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                    (tokens.get(i + 2), tokens.get(i + 3))
            {
                let mut literals = Vec::new();
                string_literals(body.stream(), &mut literals);
                if let [only] = literals.as_slice() {
                    self.macros.insert(name.to_string(), only.clone());
                }
                i += 4;
                continue;
            }
            if (is_ident(Some(token), "format") || is_ident(Some(token), "concat"))
                && is_punct(tokens.get(i + 1), '!')
                && let Some(TokenTree::Group(args)) = tokens.get(i + 2)
            {
                let args: Vec<TokenTree> = args.stream().into_iter().collect();
                let first_operation = if is_ident(Some(token), "format") {
                    args.first()
                        .filter(|t| string_value(t).is_some_and(|s| starts_operation(&s)))
                } else {
                    args.iter()
                        .find(|t| string_value(t).is_some_and(|s| starts_operation(&s)))
                };
                if let Some(literal) = first_operation {
                    self.sites.push(Site {
                        expression: tokens[i..i + 3].to_vec(),
                        owner: owner.map(str::to_owned),
                        line: self.line_of(literal),
                    });
                } else {
                    self.walk(&args, owner);
                }
                i += 3;
                continue;
            }
            if is_ident(Some(token), "graphql")
                && (matches!(tokens.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
                    || is_punct(tokens.get(i + 1), ':'))
            {
                self.graphql_calls += 1;
            }
            match token {
                TokenTree::Literal(_)
                    if string_value(token).is_some_and(|s| starts_operation(&s)) =>
                {
                    self.sites.push(Site {
                        expression: vec![token.clone()],
                        owner: owner.map(str::to_owned),
                        line: self.line_of(token),
                    });
                }
                TokenTree::Group(group) => {
                    let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                    self.walk(&inner, owner);
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The line a literal starts on, found by its source text.
    fn line_of(&self, literal: &TokenTree) -> usize {
        let source = literal.to_string();
        self.text
            .find(&source)
            .map_or(0, |at| self.text[..at].matches('\n').count() + 1)
    }

    /// The operations this file builds, each variant of a dynamic one
    /// separately; what cannot be rebuilt goes to `problems`.
    fn operations(&self, dynamic_used: &mut [bool], problems: &mut Vec<String>) -> Vec<Operation> {
        let mut operations = Vec::new();
        for site in &self.sites {
            let mut place = format!("{}:{}", self.name, site.line);
            if let Some(owner) = &site.owner {
                let _ = write!(place, " (const {owner})");
            }
            match self.evaluate(&site.expression, dynamic_used) {
                Ok(variants) => {
                    let count = variants.len();
                    for (n, text) in variants.into_iter().enumerate() {
                        let place = if count > 1 {
                            format!("{place} (variant {} of {count})", n + 1)
                        } else {
                            place.clone()
                        };
                        let text = self.fill_placeholders(&text, dynamic_used);
                        operations.push(Operation { place, text });
                    }
                }
                Err(err) => problems.push(format!("{place}: {err}")),
            }
        }
        operations
    }

    /// Every text an expression can come to.
    fn evaluate(
        &self,
        expression: &[TokenTree],
        dynamic_used: &mut [bool],
    ) -> Result<Vec<String>, String> {
        match expression {
            [literal @ TokenTree::Literal(_)] => string_value(literal)
                .map(|s| vec![s])
                .ok_or_else(|| format!("`{literal}` is not a string")),
            [TokenTree::Ident(name)] => self.constant(&name.to_string(), dynamic_used),
            [TokenTree::Ident(mac), bang, TokenTree::Group(args)] if is_punct(Some(bang), '!') => {
                let args: Vec<TokenTree> = args.stream().into_iter().collect();
                let args: Vec<&[TokenTree]> = args
                    .split(|t| is_punct(Some(t), ','))
                    .filter(|a| !a.is_empty())
                    .collect();
                if mac == "concat" {
                    let mut texts = vec![String::new()];
                    for arg in args {
                        let piece = match arg {
                            [TokenTree::Ident(m), bang, TokenTree::Group(g)]
                                if is_punct(Some(bang), '!') && g.stream().is_empty() =>
                            {
                                let m = m.to_string();
                                vec![self.macros.get(&m).cloned().ok_or_else(|| {
                                    format!("`{m}!()` is not a macro_rules! of one literal here")
                                })?]
                            }
                            other => self.evaluate(other, dynamic_used)?,
                        };
                        texts = combine(&texts, &piece);
                    }
                    Ok(texts)
                } else if mac == "format" {
                    let [template] = args.as_slice() else {
                        return Err("format! with arguments after the string is not understood \
                             here; name consts inline, as in {FIELDS}"
                            .into());
                    };
                    let [literal] = template else {
                        return Err("format! without a literal string".into());
                    };
                    let Some(template) = string_value(literal) else {
                        return Err("format! without a literal string".into());
                    };
                    self.format(&template, dynamic_used)
                } else {
                    Err(format!("`{mac}!` is not understood here"))
                }
            }
            other => Err(format!(
                "`{}` is not understood here",
                other
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        }
    }

    /// Every value of a `const` of this file.
    fn constant(&self, name: &str, dynamic_used: &mut [bool]) -> Result<Vec<String>, String> {
        match self.consts.get(name).map(Vec::as_slice) {
            Some([value]) => self.evaluate(value, dynamic_used),
            Some(_) => Err(format!("`{name}` is defined more than once in this file")),
            None => Err(format!("`{name}` is not a const of this file")),
        }
    }

    /// Every text a `format!` string can come to.
    fn format(&self, template: &str, dynamic_used: &mut [bool]) -> Result<Vec<String>, String> {
        let mut texts = vec![String::new()];
        let mut rest = template;
        while let Some(at) = rest.find(['{', '}']) {
            let (before, from) = rest.split_at(at);
            texts = combine(&texts, &[before.to_owned()]);
            if let Some(after) = from.strip_prefix("{{").or_else(|| from.strip_prefix("}}")) {
                texts = combine(&texts, &[from[..1].to_owned()]);
                rest = after;
                continue;
            }
            let Some(close) = from.find('}').filter(|_| from.starts_with('{')) else {
                return Err(format!("unbalanced braces in format! string: {template}"));
            };
            let argument = &from[1..close];
            let values = if argument.is_empty() || !is_identifier(argument) {
                return Err(format!(
                    "`{{{argument}}}` in format! is not understood here; name a const inline"
                ));
            } else if self.consts.contains_key(argument) {
                self.constant(argument, dynamic_used)?
            } else {
                self.dynamic(argument, dynamic_used)?
            };
            texts = combine(&texts, &values);
            rest = &from[close + 1..];
        }
        Ok(combine(&texts, &[rest.to_owned()]))
    }

    /// Every value [`DYNAMIC`] lists for a local variable of this file.
    fn dynamic(&self, variable: &str, dynamic_used: &mut [bool]) -> Result<Vec<String>, String> {
        let Some(index) = DYNAMIC
            .iter()
            .position(|(file, name, _)| *file == self.name && *name == variable)
        else {
            return Err(format!(
                "`{{{variable}}}` is neither a const of this file nor listed in DYNAMIC \
                 with the values it can take"
            ));
        };
        if let Some(used) = dynamic_used.get_mut(index) {
            *used = true;
        }
        let mut values = Vec::new();
        for value in DYNAMIC[index].2 {
            match value {
                Value::Text(text) => values.push((*text).to_owned()),
                Value::Const(name) => values.extend(self.constant(name, dynamic_used)?),
            }
        }
        Ok(values)
    }

    /// Fills each `{NAME}` that this file replaces with its const by
    /// `.replace("{NAME}", NAME)`; others are left for the validator to
    /// reject.
    fn fill_placeholders(&self, text: &str, dynamic_used: &mut [bool]) -> String {
        let mut text = text.to_owned();
        for name in self.consts.keys() {
            let placeholder = format!("{{{name}}}");
            let filled_here = self
                .text
                .contains(&format!(".replace(\"{placeholder}\", {name})"));
            if filled_here
                && text.contains(&placeholder)
                && let Ok(values) = self.constant(name, dynamic_used)
                && let [value] = values.as_slice()
            {
                text = text.replace(&placeholder, value);
            }
        }
        text
    }
}

/// Each of `prefixes` followed by each of `suffixes`.
fn combine(prefixes: &[String], suffixes: &[String]) -> Vec<String> {
    prefixes
        .iter()
        .flat_map(|p| suffixes.iter().map(move |s| format!("{p}{s}")))
        .collect()
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Every string literal's value in a token stream.
fn string_literals(stream: TokenStream, out: &mut Vec<String>) {
    for token in stream {
        match &token {
            TokenTree::Group(group) => string_literals(group.stream(), out),
            _ => out.extend(string_value(&token)),
        }
    }
}
