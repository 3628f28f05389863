//! Masking detected secrets in everything a run prints or publishes.
//!
//! `secret-in-code` masks the secret in its own message; the rest is done
//! here, once per file, before any output sees the file: the text kept for
//! snippets, the parsed document the site and the report read, and every
//! message that might quote the secret. The mask keeps a secret's first
//! four characters and replaces every other one with `*`, character for
//! character, so lines and columns do not move.

use runbook_lint::rules::{mask_in_place, mask_secret};
use runbook_parse::Span;

/// The secrets of one file and how to mask them.
#[derive(Debug)]
pub struct Redaction {
    /// Non-overlapping, by position: the original byte range, the secret,
    /// and its mask.
    secrets: Vec<(Span, String, String)>,
}

impl Redaction {
    /// A redaction of `secrets` (spans into the file's text and the text
    /// there), or `None` when there is nothing to mask.
    pub fn new(mut secrets: Vec<(Span, String)>) -> Option<Self> {
        if secrets.is_empty() {
            return None;
        }
        secrets.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
        let mut merged: Vec<(Span, String, String)> = Vec::with_capacity(secrets.len());
        for (span, secret) in secrets {
            // A secret inside another one (a token inside a key block) is
            // masked with it.
            if merged
                .last()
                .is_some_and(|(last, ..)| span.start < last.end)
            {
                continue;
            }
            let masked = mask_in_place(&secret);
            merged.push((span, secret, masked));
        }
        Some(Self { secrets: merged })
    }

    /// `text` (the file's text) with every secret masked.
    pub fn mask(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for (span, secret, masked) in &self.secrets {
            // Mask only where the text holds the secret as found.
            if text.get(span.start..span.end) != Some(secret.as_str()) {
                continue;
            }
            out.push_str(text.get(from..span.start).unwrap_or_default());
            out.push_str(masked);
            from = span.end;
        }
        out.push_str(text.get(from..).unwrap_or_default());
        // The same secret written again elsewhere is masked too.
        for (_, secret, masked) in &self.secrets {
            if !secret.is_empty() && out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), masked);
            }
        }
        out
    }

    /// `text` (a message) with every occurrence of a secret replaced by the
    /// short mask that `secret-in-code`'s own message uses.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (_, secret, _) in &self.secrets {
            if !secret.is_empty() && out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), &mask_secret(secret));
            }
        }
        out
    }

    /// A byte range of the original text as a range of the masked text:
    /// masks keep the character count, but not the byte count when a
    /// secret holds characters beyond ASCII.
    pub fn map_span(&self, span: Span) -> Span {
        Span::new(self.map_offset(span.start), self.map_offset(span.end))
    }

    fn map_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (span, secret, masked) in &self.secrets {
            if span.end <= offset {
                shift += masked.len().cast_signed() - secret.len().cast_signed();
            } else if span.start < offset {
                // Inside a secret: the same character of the mask.
                let chars = secret
                    .get(..offset - span.start)
                    .map_or(0, |s| s.chars().count());
                let inside: usize = masked.chars().take(chars).map(char::len_utf8).sum();
                return span.start.saturating_add_signed(shift) + inside;
            }
        }
        offset.saturating_add_signed(shift)
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap")]
mod tests {
    use super::*;

    fn redaction(text: &str, secret: &str) -> Redaction {
        let start = text.find(secret).unwrap();
        Redaction::new(vec![(
            Span::new(start, start + secret.len()),
            secret.to_owned(),
        )])
        .unwrap()
    }

    #[test]
    fn masks_keep_columns_and_lines() {
        let text = "export KEY=AKIAZ3MHQ7K2LX5PWN4T # set\nnext line\n";
        let r = redaction(text, "AKIAZ3MHQ7K2LX5PWN4T");
        let masked = r.mask(text);
        assert_eq!(masked, "export KEY=AKIA**************** # set\nnext line\n");
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            r.scrub("found AKIAZ3MHQ7K2LX5PWN4T here"),
            "found AKIA**** here"
        );
    }

    #[test]
    fn multi_line_secrets_keep_their_line_breaks() {
        let text =
            "a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nxyz\n-----END RSA PRIVATE KEY-----\nb\n";
        let start = text.find("-----BEGIN").unwrap();
        let end = text.find("\nb").unwrap();
        let r = Redaction::new(vec![(
            Span::new(start, end),
            text.get(start..end).unwrap().to_owned(),
        )])
        .unwrap();
        let masked = r.mask(text);
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(!masked.contains("MIIEow"));
        assert!(masked.starts_with("a\n----*"));
        assert!(masked.ends_with("\nb\n"));
    }

    #[test]
    fn spans_after_a_multibyte_secret_move_by_the_byte_difference() {
        let text = "pw=pässwörd99 end";
        let r = redaction(text, "pässwörd99");
        let masked = r.mask(text);
        assert_eq!(masked, "pw=päss****** end");
        let end = text.find("end").unwrap();
        let mapped = r.map_span(Span::new(end, end + 3));
        assert_eq!(masked.get(mapped.start..mapped.end), Some("end"));
        // Before the secret nothing moves.
        assert_eq!(r.map_span(Span::new(0, 2)), Span::new(0, 2));
    }
}
