//! Enum types in comparisons.
//!
//! The type table keeps enums as the integers they are (arithmetic, keys, printf and trace
//! treat them so in DTrace too). What DTrace does with an enum's identity is one thing: in a
//! comparison whose left operand has an enum type, a bare identifier on the right that names
//! one of that enum's enumerators is that enumerator's value (dt_cook_op2). That is how a
//! kernel enumerator (`SS_CONNECTED`), which is no D identifier, can be used at all; if the
//! name is also a global identifier, the comparison is ambiguous (D_IDENT_AMBIG).
//!
//! So the identity is kept beside the type, only where a comparison can ask for it: the
//! expression nodes that have an enum type (struct members, variables declared with one,
//! casts to one, D enumerators) note it for their own node, and the comparison reads the note
//! of its left operand.

use std::collections::HashMap;

use super::ir::{TExpr, TKind};
use super::types::{self, names, Type};
use super::{attrs, err, expr::arg_index, normalize, Checker};
use crate::btf::{Btf, TypeId, TypeKind};
use crate::error::{CompileError, ErrTag};
use crate::parse::ast::{self, BinOp, Expr, ExprKind, TypeName};

/// An enum type: its name as DTrace prints it (`enum colors`, or the typedef the value was
/// declared with, such as `socket_state`), its integer type and its enumerators.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumTy {
    pub name: String,
    pub ty: Type,
    pub values: Vec<(String, i64)>,
}

impl EnumTy {
    pub fn value(&self, name: &str) -> Option<i64> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// What the checker remembers about enums while it checks one program.
#[derive(Debug, Default)]
pub struct EnumState {
    /// The enum type of the expression node last noted, by the node's address.
    hint: Option<(usize, EnumTy)>,
    /// The enum type of the member `member_expr` resolved last (`None` when it is no enum).
    pub(super) member: Option<EnumTy>,
    /// Variables and externs declared with an enum type, by `name`, `self->name`,
    /// `this->name` or `` `name ``.
    decls: HashMap<String, EnumTy>,
    /// D typedefs that name an enum type.
    typedefs: HashMap<String, EnumTy>,
}

/// The enum type BTF type `id` is, through typedefs and qualifiers; named as the type was
/// written (a typedef keeps its name, as CTF's type names do).
pub fn from_btf(btf: &Btf, id: TypeId) -> Option<EnumTy> {
    let mut named = id;
    // Qualifiers are not part of the name DTrace shows for a comparison's operand.
    for _ in 0..8 {
        match btf.ty(named).ok()?.kind {
            TypeKind::Const { target }
            | TypeKind::Volatile { target }
            | TypeKind::Restrict { target }
            | TypeKind::TypeTag { target } => named = target,
            _ => break,
        }
    }
    let resolved = btf.resolve(id).ok()?;
    let TypeKind::Enum {
        size,
        signed,
        values,
    } = btf.ty(resolved).ok()?.kind
    else {
        return None;
    };
    let name = btf.type_name(named).ok()?.replace(" (anon)", "");
    let size = match size {
        1 | 2 | 4 => size as u8,
        _ => 8,
    };
    Some(EnumTy {
        name,
        ty: Type::Int { size, signed },
        values: values
            .map(|v| (v.name.to_string(), v.value as i64))
            .collect(),
    })
}

/// A D enum (`enum tag` declared by the program or a D library).
fn d_enum(tag: &str) -> Option<EnumTy> {
    let values = names::enum_values(tag)?;
    Some(EnumTy {
        name: format!("enum {}", tag),
        ty: types::INT,
        values,
    })
}

/// The names D declared, which take precedence over the kernel's.
#[derive(Clone, Copy)]
struct DNames<'a> {
    /// Typedefs of enum types.
    enum_typedefs: &'a HashMap<String, EnumTy>,
    /// All typedefs (another one is no enum, and no kernel type either).
    typedefs: Option<&'a HashMap<String, Type>>,
    /// Enum tags.
    tags: Option<&'a HashMap<String, Type>>,
}

/// The enum type a type written as `words` (no pointer, no array) is, if any.
fn from_words(words: &[String], d: DNames<'_>) -> Option<EnumTy> {
    let ws: Vec<&str> = words
        .iter()
        .map(|w| w.as_str())
        .filter(|w| !matches!(*w, "const" | "volatile" | "restrict"))
        .collect();
    if ws.iter().any(|w| w.starts_with('[') || w.contains('*')) {
        return None;
    }
    match ws.as_slice() {
        ["enum", tag] => {
            let tag = tag.rsplit('`').next().unwrap_or(tag);
            if d.tags.is_some_and(|t| t.contains_key(tag)) {
                return d_enum(tag);
            }
            let btf = types::kernel_btf()?;
            from_btf(btf, btf.find_enum(tag)?)
        }
        [name] => {
            if let Some(e) = d.enum_typedefs.get(*name) {
                return Some(e.clone());
            }
            if d.typedefs.is_some_and(|t| t.contains_key(*name)) {
                return None;
            }
            let name = name.rsplit('`').next().unwrap_or(name);
            // Only names that are no D type can be kernel typedefs here.
            if types::from_words(&[name.to_string()]).is_some() {
                return None;
            }
            let btf = types::kernel_btf()?;
            from_btf(btf, btf.find_typedef(name)?)
        }
        _ => None,
    }
}

/// The enum type of member `member` of struct or union `sou`, if it has one.
fn of_member(sou: Type, member: &str, d: DNames<'_>) -> Option<EnumTy> {
    match sou.sou()?.members {
        types::Members::Btf(id) => {
            let btf = types::kernel_btf()?;
            let m = btf.member(TypeId(id), member)?;
            from_btf(btf, m.type_id)
        }
        types::Members::Known(_) => {
            let spelled = names::member_type_name(sou, member)?;
            let words: Vec<String> = spelled.split_whitespace().map(String::from).collect();
            from_words(&words, d)
        }
        types::Members::Incomplete => None,
    }
}

/// The enumerators of kernel enum type spelled `spelled` (`enum sock_type`, `socket_state`),
/// for print() of D struct members declared with one.
pub(super) fn kernel_enum_values(spelled: &str) -> Option<Vec<(String, i64)>> {
    let words: Vec<String> = spelled.split_whitespace().map(String::from).collect();
    let none = HashMap::new();
    let kernel = DNames {
        enum_typedefs: &none,
        typedefs: None,
        tags: None,
    };
    from_words(&words, kernel).map(|e| e.values)
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne
    )
}

impl Checker<'_> {
    fn d_enum_tags(&self) -> Vec<String> {
        self.syms.tsyms.scope.enums.keys().cloned().collect()
    }

    fn d_names(&self) -> DNames<'_> {
        DNames {
            enum_typedefs: &self.enums.typedefs,
            typedefs: Some(&self.syms.tsyms.scope.typedefs),
            tags: Some(&self.syms.tsyms.scope.enums),
        }
    }

    /// Notes that expression node `e` has enum type `en` (nothing when `None`).
    pub(super) fn note_enum(&mut self, e: &Expr, en: Option<EnumTy>) {
        if let Some(en) = en {
            self.enums.hint = Some((e as *const Expr as usize, en));
        }
    }

    /// Forgets the note, before a comparison types its left operand (so that a note of an
    /// expression typed earlier cannot be taken for it).
    pub(super) fn clear_enum_note(&mut self) {
        self.enums.hint = None;
    }

    /// The enum type of a type as written.
    pub(super) fn enum_of_type(&self, t: &TypeName) -> Option<EnumTy> {
        if t.ptr > 0 {
            return None;
        }
        from_words(&t.words, self.d_names())
    }

    /// Remembers a declaration's enum type (`enum colors c;`, `self socket_state s;`,
    /// `extern enum system_states system_state;`).
    pub(super) fn note_decl_enum(&mut self, d: &ast::Decl) {
        if d.keys.is_some() {
            return;
        }
        let key = match d.scope {
            ast::Scope::Global => d.name.clone(),
            ast::Scope::Thread => format!("self->{}", d.name),
            ast::Scope::Clause => format!("this->{}", d.name),
            ast::Scope::Extern => format!("`{}", d.name),
        };
        match self.enum_of_type(&d.ty) {
            Some(en) => {
                self.enums.decls.insert(key, en);
            }
            None => {
                self.enums.decls.remove(&key);
            }
        }
    }

    /// Remembers an inline declared with an enum type (`inline enum colors C = GREEN;`).
    pub(super) fn note_inline_enum(&mut self, ty: &TypeName, name: &str) {
        match self.enum_of_type(ty) {
            Some(en) => {
                self.enums.decls.insert(name.to_string(), en);
            }
            None => {
                self.enums.decls.remove(name);
            }
        }
    }

    /// Remembers a typedef that names an enum type.
    pub(super) fn note_typedef_enum(&mut self, ty: &TypeName, name: &str) {
        match self.enum_of_type(ty) {
            Some(mut en) => {
                en.name = name.to_string();
                // print() shows a value of the typedef by its enumerator names too.
                names::set_enum_alias(name, en.values.clone());
                self.enums.typedefs.insert(name.to_string(), en);
            }
            None => {
                self.enums.typedefs.remove(name);
            }
        }
    }

    /// Notes the enum type of identifier node `e` naming `name`: a variable or extern
    /// declared with one, or a D enumerator (typed as its enum, as in DTrace).
    pub(super) fn note_ident_enum(&mut self, e: &Expr, name: &str) {
        let en = if let Some(sym) = name
            .strip_prefix('`')
            .or_else(|| name.rsplit_once('`').map(|(_, s)| s))
        {
            self.enums.decls.get(&format!("`{}", sym)).cloned()
        } else if self.syms.tsyms.bindings.iter().any(|(n, _)| n == name)
            || arg_index(name).is_some()
            || self.builtin(name).is_some()
        {
            None
        } else if self.syms.global(name).is_some() {
            self.enums.decls.get(name).cloned()
        } else if self.syms.tsyms.externs.contains_key(name) {
            self.enums.decls.get(&format!("`{}", name)).cloned()
        } else if self.syms.tsyms.scope.enumerators.contains_key(name) {
            self.d_enum_tags()
                .iter()
                .filter_map(|t| d_enum(t))
                .find(|en| en.value(name).is_some())
        } else if self.syms.tsyms.inlines.contains_key(name) {
            self.enums.decls.get(name).cloned()
        } else {
            None
        };
        self.note_enum(e, en);
    }

    /// `lhs = rhs` where `lhs` is a variable no declaration or assignment typed yet: like
    /// DTrace, the variable takes the right operand's type, enum included.
    pub(super) fn note_assign_enum(&mut self, lhs: &Expr, rhs: &Expr) {
        let Some((node, en)) = self.enums.hint.take() else {
            return;
        };
        if node != rhs as *const Expr as usize {
            return;
        }
        let syms = &self.syms;
        let key = match &lhs.kind {
            ExprKind::Ident(n) if syms.global(n).is_none() && !name_taken(self, n) => n.clone(),
            ExprKind::SelfVar(n) if !syms.dyns.iter().any(|v| v.thread && v.name == *n) => {
                format!("self->{}", n)
            }
            ExprKind::ThisVar(n) if !syms.locals.iter().any(|l| l.name == *n) => {
                format!("this->{}", n)
            }
            _ => return,
        };
        self.enums.decls.entry(key).or_insert(en);
    }

    /// Notes the enum type of `self->name` / `this->name` node `e`.
    pub(super) fn note_var_enum(&mut self, e: &Expr) {
        let key = match &e.kind {
            ExprKind::SelfVar(n) => format!("self->{}", n),
            ExprKind::ThisVar(n) => format!("this->{}", n),
            _ => return,
        };
        let en = self.enums.decls.get(&key).cloned();
        self.note_enum(e, en);
    }

    /// Notes the enum type of member node `e`, which `member_expr` left in `enums.member`.
    pub(super) fn note_member_enum(&mut self, e: &Expr) {
        let en = self.enums.member.take();
        self.note_enum(e, en);
    }

    /// For `args_ref`: the enum type of an argument of C type `c_type`, if it has one.
    pub(super) fn set_arg_enum(&mut self, c_type: Option<&str>) {
        let en = c_type.filter(|t| !t.contains('*')).and_then(|t| {
            let words = t.split_whitespace().map(String::from).collect();
            self.enum_of_type(&TypeName { words, ptr: 0 })
        });
        self.enums.member = en;
    }

    /// For `member_expr`: the enum type of member `member` of `sou`.
    pub(super) fn set_member_enum(&mut self, sou: Type, member: &str) {
        let en = of_member(sou, member, self.d_names());
        self.enums.member = en;
    }

    /// The right operand of comparison `lhs op rhs` when `rhs` is an identifier naming an
    /// enumerator of the left operand's enum type: that enumerator's value, typed as the
    /// enum. `None` when that is not the case (the operand is typed as usual).
    pub(super) fn enum_rhs(
        &mut self,
        op: BinOp,
        lhs: &Expr,
        rhs: &Expr,
    ) -> Result<Option<TExpr>, CompileError> {
        let note = self.enums.hint.take();
        if !is_comparison(op) {
            return Ok(None);
        }
        let ExprKind::Ident(name) = &rhs.kind else {
            return Ok(None);
        };
        let Some((node, en)) = note else {
            return Ok(None);
        };
        if node != lhs as *const Expr as usize || name.contains('`') {
            return Ok(None);
        }
        let Some(v) = en.value(name) else {
            return Ok(None);
        };
        if let Some(kind) = self.global_ident_kind(name) {
            return Err(err(
                ErrTag::D_IDENT_AMBIG,
                rhs.line,
                ambiguous(op, name, &en.name, kind),
            ));
        }
        Ok(Some(TExpr {
            kind: TKind::Const(normalize(v, en.ty)),
            ty: en.ty,
            line: rhs.line,
        }))
    }

    /// The kind of global identifier `name` is (dt_idkind_name), if it is one: a D variable,
    /// a built-in variable or function, an inline or a D enumerator.
    fn global_ident_kind(&self, name: &str) -> Option<&'static str> {
        if self.syms.global(name).is_some() || self.syms.tsyms.inlines.contains_key(name) {
            return Some("scalar");
        }
        if self.is_global_array(name) {
            return Some("associative array");
        }
        if self.syms.tsyms.scope.enumerators.contains_key(name) {
            return Some("enumerator");
        }
        if let Some(b) = attrs::builtin(name).filter(|b| b.version <= self.opts.version) {
            return Some(b.kind.name());
        }
        if arg_index(name).is_some() || self.builtin(name).is_some() {
            return Some("scalar");
        }
        None
    }
}

/// Whether `name` is an identifier an assignment cannot create as a variable.
fn name_taken(c: &Checker<'_>, name: &str) -> bool {
    arg_index(name).is_some() || c.builtin(name).is_some() || c.is_global_array(name)
}

/// DTrace's D_IDENT_AMBIG message.
fn ambiguous(op: BinOp, name: &str, enum_name: &str, kind: &str) -> String {
    format!(
        "ambiguous use of operator {}: {} is both a {} enum tag and a global {}",
        op.as_str(),
        name,
        enum_name,
        kind
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            ambiguous(BinOp::Eq, "GREEN", "enum colors", "enumerator"),
            "ambiguous use of operator ==: GREEN is both a enum colors enum tag and a global enumerator"
        );
    }

    #[test]
    fn values() {
        let e = EnumTy {
            name: "enum e".into(),
            ty: types::INT,
            values: vec![("A".into(), 0), ("B".into(), 5)],
        };
        assert_eq!(e.value("B"), Some(5));
        assert_eq!(e.value("C"), None);
    }

    #[test]
    fn words() {
        let w = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let empty = HashMap::new();
        let none = DNames {
            enum_typedefs: &empty,
            typedefs: None,
            tags: None,
        };
        // Pointers and arrays of enums are no enums; D integer types never are.
        assert_eq!(from_words(&w("enum x *"), none), None);
        assert_eq!(from_words(&w("int"), none), None);
        let Some(btf) = types::kernel_btf() else {
            return; // no BTF here
        };
        if btf.find_typedef("socket_state").is_none() {
            return;
        }
        // A kernel typedef of an anonymous enum keeps the typedef's name.
        let s = from_words(&w("socket_state"), none).expect("socket_state is an enum");
        assert_eq!(s.name, "socket_state");
        assert_eq!(s.value("SS_CONNECTED"), Some(3));
        assert_eq!(s.ty, types::UINT);
    }

    #[test]
    fn kernel_member() {
        let Some(sock) = types::kernel_type(&["struct".into(), "socket".into()]) else {
            return;
        };
        let empty = HashMap::new();
        let none = DNames {
            enum_typedefs: &empty,
            typedefs: None,
            tags: None,
        };
        let st = of_member(sock, "state", none).expect("socket.state is an enum");
        assert_eq!(st.name, "socket_state");
        assert_eq!(st.value("SS_UNCONNECTED"), Some(1));
        assert_eq!(of_member(sock, "flags", none), None);
    }
}
