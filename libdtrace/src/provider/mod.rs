//! Providers: which probes exist, how they are named and listed, and the stub each one needs.
