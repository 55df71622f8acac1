// Package query parses and evaluates the Amazon ECS cluster query language used by
// memberOf placement constraints, for example
//
//	attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d
//	not(task:group == service:database)
//	(runningTasksCount < 5 or attribute:stage in [canary, 'blue green']) && agentConnected == true
//
// An expression is parsed once into an [Expr] tree; evaluation against an [Env]
// (one container instance) then costs no parsing and does not allocate.
//
// # Grammar
//
//	expr     := andExpr { ("||" | "or") andExpr }
//	andExpr  := unary { ("&&" | "and") unary }
//	unary    := ("!" | "not") unary | "(" expr ")" | cond
//	cond     := subject ( binop value | listop list | "exists" | "!exists" | "not_exists" )
//	subject  := "agentConnected" | "agentVersion" | "ec2InstanceId" | "registeredAt"
//	          | "runningTasksCount" | "task:group" | "attribute:" NAME
//	binop    := "==" | "equals" | "!=" | "not_equals" | ">" | "greater_than" | ">="
//	          | "greater_than_equal" | "<" | "less_than" | "<=" | "less_than_equal"
//	          | "=~" | "matches" | "!~" | "not_matches"
//	listop   := "in" | "!in" | "not_in"
//	list     := "[" value { "," value } "]"
//
// A value is a bare word (no white space, brackets, parentheses, commas, quotes or
// operator characters = ! < > ~ & |) or a string in single or double quotes.
// Each subject accepts the operators the ECS documentation lists for it; any other
// combination is a syntax error.
//
// # Semantics and modelling choices
//
// The ECS documentation does not pin these down; they are our choices:
//   - Precedence is not > and > or; keywords and operator words are lower case.
//   - String comparison is case-sensitive.
//   - "=~" uses Go RE2 syntax as an approximation of the documented Java regular
//     expressions and must match the whole value (like Java's String.matches), so
//     "t2.*" matches "t2.micro". Java-only constructs (back-references,
//     look-around) are rejected at parse time.
//   - ">", ">=", "<", "<=" compare numerically when both sides parse as numbers,
//     otherwise lexically; agentVersion compares dotted versions component by
//     component; registeredAt compares instants (second precision, UTC when the
//     argument has no zone).
//   - A negative operator (!=, !in, !~, !exists) is exactly the negation of its
//     positive form. Hence a condition on a missing attribute is false for ==, in,
//     =~ and the orderings, and true for !=, !in and !~.
//   - task:group is multi-valued: "task:group == X" holds when the instance runs at
//     least one task of group X; "task:group != X" holds when it runs none.
//
// # Determinism and allocation
//
// Parsing allocates the tree; Eval and String are pure. Eval does not allocate
// (regular-expression matching may use the regexp package's internal pools).
// An Expr is immutable and safe for concurrent use.
package query
