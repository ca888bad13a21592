
Stability attributes for description dtrace::: :

	Minimum Probe Description Attributes
		Identifier Names: Unstable
		Data Semantics:   Unstable
		Dependency Class: Common

	Minimum Statement Attributes
		Identifier Names: Unstable
		Data Semantics:   Unstable
		Dependency Class: Common

dtrace:::
status 0
