//! Print: DTrace's output formats: trace(), printf(), aggregations.

pub mod printf;
