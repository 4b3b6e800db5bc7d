//! `rename_all`: the cases serde offers, applied to a variant name (`PascalCase`
//! by convention) to make its code.

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

/// Every rule by the name `rename_all` takes, in the order they are listed.
pub const RULES: &[(&str, RenameRule)] = &[
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
    ("PascalCase", RenameRule::Pascal),
    ("camelCase", RenameRule::Camel),
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
];

impl RenameRule {
    pub fn from_name(name: &str) -> Option<Self> {
        RULES
            .iter()
            .find(|(rule_name, _)| *rule_name == name)
            .map(|(_, rule)| *rule)
    }

    /// The code for a variant named `name`: each uppercase letter after the first
    /// starts a word (`ResourceNotFound` -> `resource_not_found`).
    pub fn apply(self, name: &str) -> String {
        match self {
            RenameRule::Lower => name.to_ascii_lowercase(),
            RenameRule::Upper => name.to_ascii_uppercase(),
            RenameRule::Pascal => name.to_owned(),
            RenameRule::Camel => {
                let mut chars = name.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            RenameRule::Snake => words(name, '_'),
            RenameRule::ScreamingSnake => words(name, '_').to_ascii_uppercase(),
            RenameRule::Kebab => words(name, '-'),
            RenameRule::ScreamingKebab => words(name, '-').to_ascii_uppercase(),
        }
    }
}

fn words(name: &str, separator: char) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_uppercase() {
            if i > 0 && !out.ends_with(separator) {
                out.push(separator);
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// "`lowercase`, `UPPERCASE`, ... or `SCREAMING-KEBAB-CASE`", for messages.
pub fn expected() -> String {
    let names: Vec<String> = RULES.iter().map(|(name, _)| format!("`{name}`")).collect();
    let (last, rest) = names
        .split_last()
        .map_or((String::new(), &[][..]), |(l, r)| (l.clone(), r));
    format!("{} or {last}", rest.join(", "))
}

#[cfg(test)]
mod tests {
    use super::{RULES, RenameRule};

    #[test]
    fn every_case() {
        let expected = [
            "resourcenotfound",
            "RESOURCENOTFOUND",
            "ResourceNotFound",
            "resourceNotFound",
            "resource_not_found",
            "RESOURCE_NOT_FOUND",
            "resource-not-found",
            "RESOURCE-NOT-FOUND",
        ];
        for ((name, rule), want) in RULES.iter().zip(expected) {
            assert_eq!(rule.apply("ResourceNotFound"), want, "{name}");
        }
    }

    #[test]
    fn short_and_odd_names() {
        assert_eq!(RenameRule::Snake.apply("A"), "a");
        assert_eq!(RenameRule::Snake.apply("Http2Error"), "http2_error");
        assert_eq!(RenameRule::Snake.apply("Already_Snake"), "already_snake");
        assert_eq!(RenameRule::Camel.apply("X"), "x");
        assert_eq!(
            RenameRule::ScreamingKebab.apply("TooManyRequests"),
            "TOO-MANY-REQUESTS"
        );
    }
}
