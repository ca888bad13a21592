//! Printing one record: the probe's line (through the handler), then each action's output, in
//! the order the clause ran them. The ring-buffer consumer and the replay of committed
//! speculations both print through here.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;

use super::act::ActState;
use crate::aggregate::AggConsumer;
use crate::codegen::MapRef;
use crate::handle::{Consume, ConsumeHandler, ProbeData, RecordData};
use crate::load::Map;
use crate::options::Options;
use crate::provider::ProbeTable;
use crate::record::{ActionDesc, DataDesc, Value};

/// What printing a record needs of the session.
pub struct RecordPrinter<'a> {
    pub descs: &'a [Option<DataDesc>],
    pub probes: &'a ProbeTable,
    pub act: &'a mut ActState,
    pub aggs: &'a mut AggConsumer,
    pub maps: &'a HashMap<MapRef, Map>,
    pub opts: &'a Options,
    /// Set when a record carried exit().
    pub exiting: bool,
    buf: Vec<u8>,
}

impl<'a> RecordPrinter<'a> {
    pub fn new(
        descs: &'a [Option<DataDesc>],
        probes: &'a ProbeTable,
        act: &'a mut ActState,
        aggs: &'a mut AggConsumer,
        maps: &'a HashMap<MapRef, Map>,
        opts: &'a Options,
    ) -> Self {
        RecordPrinter { descs, probes, act, aggs, maps, opts, exiting: false, buf: Vec::with_capacity(256) }
    }

    /// Print the record `data` (header included) to `out`. A speculative record is kept for
    /// its commit instead, unless it is being `replayed` by that commit. Breaks when the
    /// handler aborts.
    pub fn record(
        &mut self,
        data: &[u8],
        out: &mut dyn Write,
        h: &mut dyn ConsumeHandler,
        replayed: bool,
    ) -> std::io::Result<ControlFlow<()>> {
        let epid = u32::from_ne_bytes(data[0..4].try_into().unwrap());
        let cpu = u32::from_ne_bytes(data[4..8].try_into().unwrap());
        let Some(Some(desc)) = self.descs.get(epid as usize) else {
            return Ok(ControlFlow::Continue(()));
        };
        if desc.guard.is_some() && !(0..desc.actions.len()).any(|i| desc.ran(data, i)) {
            return Ok(ControlFlow::Continue(()));
        }
        let Some(probe) = self.probes.get(desc.probe_id) else {
            return Ok(ControlFlow::Continue(()));
        };
        if !replayed && self.act.stash(desc, data, self.opts) {
            return Ok(ControlFlow::Continue(()));
        }
        let pd = ProbeData { cpu, epid, probe: &probe.desc };
        if h.probe(out, &pd) == Consume::Abort {
            return Ok(ControlFlow::Break(()));
        }
        for (ai, a) in desc.actions.iter().enumerate() {
            if !desc.ran(data, ai) {
                continue;
            }
            self.buf.clear();
            if self.action(a, data, &pd, out, h)?.is_break() {
                return Ok(ControlFlow::Break(()));
            }
            out.write_all(&self.buf)?;
        }
        if h.record(out, &pd, None) == Consume::Abort {
            return Ok(ControlFlow::Break(()));
        }
        Ok(ControlFlow::Continue(()))
    }

    /// One action's output into `self.buf`.
    fn action(
        &mut self,
        a: &ActionDesc,
        data: &[u8],
        pd: &ProbeData,
        out: &mut dyn Write,
        h: &mut dyn ConsumeHandler,
    ) -> std::io::Result<ControlFlow<()>> {
        let buf = &mut self.buf;
        match a {
            ActionDesc::Exit(r) => {
                self.exiting = true;
                let status = match Value::decode(data, r) {
                    Some(Value::Int { bits, .. }) => bits as i32,
                    _ => 0,
                };
                if h.record(out, pd, Some(&RecordData::Exit(status))) == Consume::Abort {
                    return Ok(ControlFlow::Break(()));
                }
            }
            ActionDesc::Trace(r) => {
                let Some(v) = Value::decode(data, r) else {
                    return Ok(ControlFlow::Continue(()));
                };
                match h.record(out, pd, Some(&RecordData::Trace(v))) {
                    Consume::This => crate::print::trace::trace(buf, &v, self.opts.quiet),
                    Consume::Next => {}
                    Consume::Abort => return Ok(ControlFlow::Break(())),
                }
            }
            ActionDesc::Printf { format, args } => {
                let vals: Vec<Value> = args.iter().filter_map(|r| Value::decode(data, r)).collect();
                match h.record(out, pd, Some(&RecordData::Printf)) {
                    Consume::This => {
                        let _ = format.format_with(buf, &vals, &self.act.symbols());
                    }
                    Consume::Next => {}
                    Consume::Abort => return Ok(ControlFlow::Break(())),
                }
            }
            ActionDesc::Printa { format, aggs } => {
                let maps = self.maps;
                let lookup = |id: u32| maps.get(&MapRef::Agg(id));
                if let Err(e) = self.aggs.printa(buf, &lookup, format.as_deref(), aggs) {
                    h.error(&format!("failed to print aggregation: {}", e));
                }
            }
            ActionDesc::AggOp { op, agg, arg } => {
                let n = arg.and_then(|r| match Value::decode(data, &r) {
                    Some(Value::Int { bits, .. }) => Some(bits as i64),
                    _ => None,
                });
                let m = self.maps.get(&MapRef::Agg(*agg));
                if let Err(e) = self.aggs.op(m, *op, *agg, n) {
                    h.error(&format!("failed to process aggregation: {}", e));
                }
            }
            ActionDesc::Setopt { name, value } => {
                let text = |r: &crate::record::RecDesc| match Value::decode(data, r) {
                    Some(Value::Str(s)) => String::from_utf8_lossy(s).into_owned(),
                    _ => String::new(),
                };
                let n = text(name);
                let v = value.as_ref().map(text);
                if let Err(e) = self.aggs.setopt(&n, v.as_deref()) {
                    h.error(&format!("couldn't set option \"{}\" to \"{}\": {}", n, v.as_deref().unwrap_or("1"), e));
                }
            }
            ActionDesc::Act(x) => {
                self.act.printsize = self.aggs.opts.size_option("printsize");
                self.act.action(x, data, buf, out)?
            }
        }
        Ok(ControlFlow::Continue(()))
    }
}
