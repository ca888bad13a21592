/*
 * A user-defined provider the DTrace way: `__` in a probe name is `-` in D, and
 * query-done declares the types D sees after the colon. The attributes
 * pragmas follow the provider they describe, which must be defined by then.
 */

provider myapp {
	probe query__start(char *, int);
	probe query__done(int n, long l) : (int n, long l);
	probe tick();
};

#pragma D attributes Evolving/Evolving/Common provider myapp provider
#pragma D attributes Private/Private/Unknown provider myapp module
#pragma D attributes Private/Private/Unknown provider myapp function
#pragma D attributes Evolving/Evolving/Common provider myapp name
#pragma D attributes Evolving/Evolving/Common provider myapp args
