//! Light syntax highlighting for the languages runbooks use most (shell,
//! SQL, YAML): a single linear pass that wraps comments, strings,
//! variables, flags and keywords in `<span class="tok-*">`.
//!
//! Deliberately small: 10,000 runbooks must build in seconds, so there is
//! no grammar engine; anything else is escaped and shown plain.

use crate::template::push_escaped;

/// The language families the highlighter knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Shell,
    Sql,
    Yaml,
    Plain,
}

fn lang(name: Option<&str>) -> Lang {
    match name.map(str::to_ascii_lowercase).as_deref() {
        Some("bash" | "sh" | "shell" | "zsh" | "console" | "shell-session" | "fish") => Lang::Shell,
        Some("sql" | "psql" | "postgresql" | "mysql" | "promql") => Lang::Sql,
        Some("yaml" | "yml" | "toml" | "ini") => Lang::Yaml,
        _ => Lang::Plain,
    }
}

const SQL_KEYWORDS: &[&str] = &[
    "select", "from", "where", "and", "or", "not", "insert", "into", "values", "update", "set",
    "delete", "create", "drop", "alter", "table", "index", "join", "left", "right", "inner", "on",
    "as", "group", "by", "order", "limit", "having", "begin", "commit", "rollback", "null", "is",
    "in", "true", "false", "grant", "revoke", "vacuum", "analyze", "with", "sum", "rate", "by",
];

/// Appends `code` to `out`, escaped and highlighted for `language`.
pub(crate) fn highlight(out: &mut String, code: &str, language: Option<&str>) {
    let lang = lang(language);
    if lang == Lang::Plain {
        push_escaped(out, code);
        return;
    }
    for line in code.split_inclusive('\n') {
        highlight_line(out, line, lang);
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"tok-");
    out.push_str(class);
    out.push_str("\">");
    push_escaped(out, text);
    out.push_str("</span>");
}

fn highlight_line(out: &mut String, line: &str, lang: Lang) {
    if lang == Lang::Yaml
        && let Some(rest) = yaml_key(out, line)
    {
        return scan(out, rest, lang, false);
    }
    scan(out, line, lang, true);
}

/// Emits a leading `key:` (after indentation and `- `); returns the rest.
fn yaml_key<'a>(out: &mut String, line: &'a str) -> Option<&'a str> {
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    let body = line.get(indent..)?;
    let colon = body.find(':')?;
    let key = body.get(..colon)?;
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "_-. ".contains(c))
        && body
            .get(colon + 1..)
            .is_none_or(|r| r.is_empty() || r.starts_with([' ', '\n', '\r']));
    if !is_key {
        return None;
    }
    push_escaped(out, line.get(..indent)?);
    span(out, "k", key);
    out.push(':');
    body.get(colon + 1..)
}

/// Scans one line; `line_start` says whether a shell `#` may open a comment here.
fn scan(out: &mut String, text: &str, lang: Lang, line_start: bool) {
    let mut rest = text;
    let mut after_space = line_start;
    while let Some(c) = rest.chars().next() {
        let (class, len) = token(rest, c, lang, after_space);
        let Some((piece, tail)) = rest.split_at_checked(len.clamp(c.len_utf8(), rest.len())) else {
            push_escaped(out, rest);
            return;
        };
        match class {
            Some(class) => span(out, class, piece),
            None => push_escaped(out, piece),
        }
        after_space = piece.ends_with(char::is_whitespace);
        rest = tail;
    }
}

/// The class and byte length of the token starting `rest` (never zero).
fn token(rest: &str, c: char, lang: Lang, after_space: bool) -> (Option<&'static str>, usize) {
    let is_comment = match lang {
        Lang::Sql => rest.starts_with("--"),
        _ => c == '#' && after_space,
    };
    if is_comment {
        return (Some("c"), rest.trim_end_matches(['\n', '\r']).len());
    }
    if c == '\'' || c == '"' {
        let close = rest
            .get(1..)
            .and_then(|r| r.find(c))
            .map_or(rest.len(), |i| i + 2);
        return (Some("s"), close);
    }
    if lang == Lang::Shell && c == '$' {
        let len = if rest.starts_with("${") {
            rest.find('}').map_or(rest.len(), |i| i + 1)
        } else {
            1 + word_len(rest.get(1..).unwrap_or(""))
        };
        return (Some("v"), len);
    }
    if lang == Lang::Shell && c == '-' && after_space {
        return (
            Some("f"),
            rest.find(|ch: char| ch.is_whitespace() || ch == '=')
                .unwrap_or(rest.len()),
        );
    }
    if c.is_alphanumeric() || c == '_' {
        let len = word_len(rest);
        let word = rest.get(..len).unwrap_or("");
        if lang == Lang::Sql && SQL_KEYWORDS.contains(&word.to_ascii_lowercase().as_str()) {
            return (Some("k"), len);
        }
        if word.chars().all(|ch| ch.is_ascii_digit()) && lang != Lang::Shell {
            return (Some("n"), len);
        }
        return (None, len);
    }
    (None, c.len_utf8())
}

fn word_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(code: &str, lang: &str) -> String {
        let mut out = String::new();
        highlight(&mut out, code, Some(lang));
        out
    }

    #[test]
    fn shell_tokens() {
        assert_eq!(
            hl("kubectl get pods -n \"$NS\" # list\n", "bash"),
            "kubectl get pods <span class=\"tok-f\">-n</span> <span class=\"tok-s\">&quot;$NS&quot;</span> <span class=\"tok-c\"># list</span>\n"
        );
        assert_eq!(
            hl("echo ${A}x", "sh"),
            "echo <span class=\"tok-v\">${A}</span>x"
        );
        assert_eq!(hl("a#b", "sh"), "a#b");
    }

    #[test]
    fn sql_keywords_strings_and_comments() {
        assert_eq!(
            hl("SELECT 'x<' FROM t; -- c", "sql"),
            "<span class=\"tok-k\">SELECT</span> <span class=\"tok-s\">&#39;x&lt;&#39;</span> <span class=\"tok-k\">FROM</span> t; <span class=\"tok-c\">-- c</span>"
        );
    }

    #[test]
    fn yaml_keys() {
        assert_eq!(
            hl("  - name: x # c\n", "yaml"),
            "  - <span class=\"tok-k\">name</span>: x <span class=\"tok-c\"># c</span>\n"
        );
    }

    #[test]
    fn hostile_input_never_panics() {
        for code in [
            "'",
            "\"",
            "${",
            "$",
            "-",
            "é'ü",
            "--",
            "a:\u{2028}",
            "\u{0}",
        ] {
            for lang in ["bash", "sql", "yaml", "x"] {
                let _ = hl(code, lang);
            }
        }
    }
}
