
Stability attributes for script test-suite/unittest/stability/tst.v-pragma.d:

	Minimum Probe Description Attributes
		Identifier Names: Evolving
		Data Semantics:   Evolving
		Dependency Class: Common

	Minimum Statement Attributes
		Identifier Names: Unstable
		Data Semantics:   Evolving
		Dependency Class: ISA

3

