//! The consumer's state of every aggregation across a session: normalization factors,
//! which aggregations printa() printed (they are not printed again at exit), the sorting
//! options `setopt()` changed; and the
//! operations records ask for: printa, clear, trunc, normalize, denormalize.

use std::cmp::Ordering;

use super::{snapshot, snapshot_raw, sort_entries, sort_joined, AggDesc, AggEntry, AggOp};
use super::{JoinedEntry, KeyValue};
use crate::error::SysError;
use crate::load::Map;
use crate::options::Options;
use crate::print::agg as pagg;
use crate::print::printf::Format;

/// BPF_EXIST: update an element only if it exists.
const BPF_EXIST: u64 = 2;

pub struct AggConsumer {
    pub descs: Vec<AggDesc>,
    normal: Vec<u64>,
    printed: Vec<bool>,
    /// The options that decide the order of entries; setopt() changes them at run time.
    pub opts: Options,
    /// Symbols for stack keys, read on first need.
    ksyms: std::cell::OnceCell<crate::consume::ksyms::KernelSyms>,
    usyms: std::cell::OnceCell<crate::consume::usyms::UserSyms>,
}

impl AggConsumer {
    pub fn new(descs: Vec<AggDesc>, opts: &Options) -> AggConsumer {
        let n = descs.len();
        AggConsumer {
            descs,
            normal: vec![1; n],
            printed: vec![false; n],
            opts: opts.clone(),
            ksyms: std::cell::OnceCell::new(),
            usyms: std::cell::OnceCell::new(),
        }
    }

    fn entries(&self, map: &Map, id: usize) -> Result<Vec<AggEntry>, SysError> {
        // Every key in the map was inserted by a clause that fired: it is printed, with
        // zeroes after clear().
        let mut entries = snapshot(map, &self.descs[id], true)?;
        self.symbolize(&mut entries);
        if entries.iter().any(|e| e.key.iter().any(|k| matches!(k, KeyValue::Sym { .. }))) {
            entries = coalesce_symbols(entries);
        }
        Ok(entries)
    }

    /// Look up (and so cache) the symbols of every user stack in every aggregation keyed by
    /// one. Cheap when there is none.
    pub fn remember_user_stacks<'m>(&mut self, map: &dyn Fn(u32) -> Option<&'m Map>) {
        for id in 0..self.descs.len() {
            let user = self.descs[id]
                .keys
                .iter()
                .any(|k| match k {
                    crate::record::ValueKind::Stack { user, .. } => *user,
                    crate::record::ValueKind::Sym { kind } => kind.user(),
                    _ => false,
                });
            if !user {
                continue;
            }
            let Some(m) = map(id as u32) else { continue };
            if let Ok(mut entries) = snapshot(m, &self.descs[id], true) {
                self.symbolize(&mut entries);
            }
        }
    }

    /// The text of every frame of every stack key.
    fn symbolize(&self, entries: &mut [AggEntry]) {
        for e in entries {
            for k in &mut e.key {
                if let KeyValue::Sym { kind, pid, pc, text } = k {
                    use crate::record_act::SymKind;
                    let ks = || self.ksyms.get_or_init(crate::consume::ksyms::KernelSyms::load);
                    let us = || self.usyms.get_or_init(Default::default);
                    *text = match kind {
                        SymKind::Sym => ks().sym_text(*pc),
                        SymKind::Mod => ks().mod_text(*pc),
                        SymKind::USym => us().usym_text(*pid, *pc),
                        SymKind::UMod => us().umod_text(*pid, *pc),
                        SymKind::UAddr => us().addr_text(*pid, *pc),
                    };
                }
                if let KeyValue::Stack { user, pid, pcs, text } = k {
                    let frames: Vec<String> = if *user {
                        let u = self.usyms.get_or_init(Default::default);
                        pcs.iter().map(|&pc| u.addr_text(*pid, pc)).collect()
                    } else {
                        let ks = self.ksyms.get_or_init(crate::consume::ksyms::KernelSyms::load);
                        ks.site_frames(pcs).iter().map(|&pc| ks.addr_text(pc)).collect()
                    };
                    *text = render_stack(&frames, self.opts.stackindent.min(1024) as usize);
                }
            }
        }
    }

    fn normalize(&self, id: usize, entries: &mut [AggEntry]) {
        let n = self.normal[id];
        if n > 1 {
            for e in entries {
                e.value = e.value.normalized(n);
            }
        }
    }

    /// `printa([fmt, ]@a, @b, ...)`: the aggregations as they are now, sorted, joined on their
    /// keys when there are several.
    pub fn printa<'m>(
        &mut self,
        out: &mut Vec<u8>,
        map: &dyn Fn(u32) -> Option<&'m Map>,
        format: Option<&Format>,
        aggs: &[u32],
    ) -> Result<(), SysError> {
        let mut all = Vec::with_capacity(aggs.len());
        for &a in aggs {
            let Some(m) = map(a) else { return Ok(()) };
            let e = self.entries(m, a as usize)?;
            if !e.is_empty() {
                self.printed[a as usize] = true;
            }
            all.push(e);
        }
        if aggs.len() == 1 {
            let id = aggs[0] as usize;
            let mut entries = all.pop().unwrap_or_default();
            sort_entries(&mut entries, &self.opts);
            match format {
                Some(f) => {
                    self.normalize(id, &mut entries);
                    let style = crate::print::hist::HistStyle::from_options(&self.opts);
                    let _ = pagg::printa_format_styled(out, f, &entries, style);
                }
                // Normalized while printed: agghist draws its bars from the raw values.
                None => pagg::printa_default_raw(
                    out,
                    &self.descs[id],
                    &entries,
                    self.normal[id],
                    &self.opts,
                ),
            }
            return Ok(());
        }
        let mut rows = join(all, aggs.len());
        let funcs: Vec<_> = aggs.iter().map(|&a| self.descs[a as usize].func).collect();
        sort_joined(&funcs, &mut rows, &self.opts);
        for r in &mut rows {
            for (i, v) in r.values.iter_mut().enumerate() {
                if let Some(v) = v {
                    *v = v.normalized(self.normal[aggs[i] as usize]);
                }
            }
        }
        let descs: Vec<AggDesc> = aggs
            .iter()
            .map(|&a| self.descs[a as usize].clone())
            .collect();
        match format {
            Some(f) => {
                let style = crate::print::hist::HistStyle::from_options(&self.opts);
                let _ = pagg::printa_format_joined_styled(out, f, &descs, &rows, style);
            }
            None => pagg::printa_joined_styled(
                out,
                &descs,
                &rows,
                crate::print::hist::HistStyle::from_options(&self.opts),
            ),
        }
        Ok(())
    }

    /// clear, trunc, normalize, denormalize.
    pub fn op(
        &mut self,
        map: Option<&Map>,
        op: AggOp,
        agg: u32,
        arg: Option<i64>,
    ) -> Result<(), SysError> {
        let id = agg as usize;
        if id >= self.descs.len() {
            return Ok(());
        }
        match op {
            AggOp::Normalize => {
                // normalize(@, 0) would divide by zero: DTrace ignores a zero factor.
                if let Some(n) = arg.filter(|&n| n != 0) {
                    self.normal[id] = n as u64;
                }
            }
            AggOp::Denormalize => self.normal[id] = 1,
            AggOp::Clear => {
                let Some(m) = map else { return Ok(()) };
                let zero = vec![0u8; m.user_value_size()];
                for (k, _) in snapshot_raw(m, &self.descs[id], true)? {
                    // A key deleted meanwhile (trunc) is not recreated.
                    let _ = m.update(&k, &zero, BPF_EXIST);
                }
            }
            AggOp::Trunc => {
                let Some(m) = map else { return Ok(()) };
                let keep = arg.unwrap_or(0);
                if keep == 0 && !self.descs[id].keys.is_empty() {
                    // trunc(@) removes every key: no values to merge or order.
                    let (keys, _) = m.lookup_batch_all()?;
                    m.delete_batch(&keys)?;
                    return Ok(());
                }
                let mut all = snapshot_raw(m, &self.descs[id], true)?;
                // dt_trunc: walk by value, the largest first for n > 0, the smallest first
                // for n < 0; keep the first |n| and remove the rest.
                all.sort_by(|a, b| {
                    let o = super::sort::val_cmp(&a.1.value, &b.1.value)
                        .then_with(|| super::key::key_cmp(&a.1.key, &b.1.key, 0));
                    if keep > 0 {
                        o.reverse()
                    } else {
                        o
                    }
                });
                let n = keep.unsigned_abs() as usize;
                let mut gone = Vec::with_capacity(all.len().saturating_sub(n) * m.key_size() as usize);
                for (k, _) in all.iter().skip(n) {
                    gone.extend_from_slice(k);
                }
                m.delete_batch(&gone)?;
            }
        }
        Ok(())
    }

    /// setopt(name[, value]) at run time; the error text is DTrace's.
    pub fn setopt(&mut self, name: &str, value: Option<&str>) -> Result<(), String> {
        let mut o = self.opts.clone();
        o.set(name, value).map_err(|e| e.to_string())?;
        self.opts = o;
        Ok(())
    }

    /// What dtrace(1) prints at exit: every aggregation printa() never printed, in ID order,
    /// in the default format.
    pub fn print_unprinted<'m>(
        &mut self,
        out: &mut Vec<u8>,
        map: &dyn Fn(u32) -> Option<&'m Map>,
    ) -> Result<(), SysError> {
        for id in 0..self.descs.len() {
            if self.printed[id] {
                continue;
            }
            let Some(m) = map(id as u32) else { continue };
            let mut entries = self.entries(m, id)?;
            if entries.is_empty() {
                continue;
            }
            sort_entries(&mut entries, &self.opts);
            pagg::print_aggregation_raw(out, &self.descs[id], &entries, self.normal[id], &self.opts);
        }
        Ok(())
    }
}

/// Join the entries of several aggregations on their keys.
fn join(all: Vec<Vec<AggEntry>>, n: usize) -> Vec<JoinedEntry> {
    let mut rows: std::collections::HashMap<Vec<KeyValue>, Vec<Option<super::AggValue>>> =
        std::collections::HashMap::new();
    for (i, entries) in all.into_iter().enumerate() {
        for e in entries {
            rows.entry(e.key).or_insert_with(|| vec![None; n])[i] = Some(e.value);
        }
    }
    let mut v: Vec<JoinedEntry> = rows
        .into_iter()
        .map(|(key, values)| JoinedEntry { key, values })
        .collect();
    // A stable starting order, whatever the hash map's.
    v.sort_by(|a, b| super::key::key_cmp(&a.key, &b.key, 0).then(Ordering::Equal));
    v
}

/// Entries whose symbol keys name the same symbol are one entry, as in DTrace (which keys
/// `func()`/`mod()` by the symbol's or module's address): combine them, keyed by the first
/// address seen.
fn coalesce_symbols(entries: Vec<AggEntry>) -> Vec<AggEntry> {
    let printed = |k: &KeyValue| match k {
        KeyValue::Sym { text, .. } => KeyValue::Str(text.as_bytes().to_vec()),
        other => other.clone(),
    };
    let mut index: std::collections::HashMap<Vec<KeyValue>, usize> = std::collections::HashMap::new();
    let mut out: Vec<AggEntry> = Vec::with_capacity(entries.len());
    for e in entries {
        let key: Vec<KeyValue> = e.key.iter().map(printed).collect();
        match index.get(&key) {
            Some(&i) => out[i].value = out[i].value.combine(&e.value),
            None => {
                index.insert(key, out.len());
                out.push(e);
            }
        }
    }
    out
}

/// DTrace's text of a stack: a newline, then each frame on its own line after `stackindent`
/// (14) spaces.
fn render_stack(frames: &[String], indent: usize) -> String {
    let mut t = String::from("\n");
    for f in frames {
        t.push_str(&" ".repeat(indent));
        t.push_str(f);
        t.push('\n');
    }
    t
}
