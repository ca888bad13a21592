//! The names D declarations gave types, which the type table itself forgets: the type a struct
//! member was declared with as written (`uint64_t`, `enum eh`, `void *`) and the enumerators of
//! each enum tag. `print()` shows values with these names, as DTrace does.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

use super::Type;

#[derive(Default)]
struct Names {
    /// (struct or union type, member) -> the member's type as written.
    members: HashMap<(Type, String), String>,
    /// enum tag -> its enumerators and their values.
    enums: HashMap<String, Vec<(String, i64)>>,
    /// Other names of enum types (D typedefs, kernel enums D declarations used) -> enumerators.
    enum_aliases: HashMap<String, Vec<(String, i64)>>,
}

fn names() -> MutexGuard<'static, Names> {
    static N: OnceLock<Mutex<Names>> = OnceLock::new();
    N.get_or_init(|| Mutex::new(Names::default()))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// The C spelling of a declared type: base words (an anonymous tag reduced to `struct` or
/// `union`), `*`s, then array dimensions (`char [5]`, `void *`).
pub fn spelled(words: &[String], ptr: u32) -> String {
    let base: Vec<&str> = words
        .iter()
        .filter(|w| !w.starts_with('['))
        .filter(|w| !w.starts_with("<anon"))
        .map(|w| w.as_str())
        .collect();
    let mut s = base.join(" ");
    if ptr > 0 {
        s.push(' ');
        s.push_str(&"*".repeat(ptr as usize));
    }
    let dims: String = words.iter().filter(|w| w.starts_with('[')).cloned().collect();
    if !dims.is_empty() {
        s.push(' ');
        s.push_str(&dims);
    }
    s
}

pub fn set_member_type_name(sou: Type, member: &str, name: String) {
    names().members.insert((sou, member.to_string()), name);
}

pub fn member_type_name(sou: Type, member: &str) -> Option<String> {
    names().members.get(&(sou, member.to_string())).cloned()
}

pub fn set_enum(tag: &str, values: Vec<(String, i64)>) {
    names().enums.insert(tag.to_string(), values);
}

pub fn enum_values(tag: &str) -> Option<Vec<(String, i64)>> {
    names().enums.get(tag).cloned()
}

pub fn set_enum_alias(name: &str, values: Vec<(String, i64)>) {
    names().enum_aliases.insert(name.to_string(), values);
}

/// The enumerators of the enum type spelled `name` other than by a D enum's tag.
pub fn enum_alias(name: &str) -> Option<Vec<(String, i64)>> {
    names().enum_aliases.get(name).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn spellings() {
        assert_eq!(spelled(&w("char [5]"), 0), "char [5]");
        assert_eq!(spelled(&w("void"), 1), "void *");
        assert_eq!(spelled(&w("union <anon:12>"), 0), "union");
        assert_eq!(spelled(&w("int [2] [3]"), 0), "int [2][3]");
        assert_eq!(spelled(&w("enum eh"), 0), "enum eh");
    }
}
