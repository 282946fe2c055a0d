package cmdline

import "github.com/spf13/pflag"

// Alias registers old as a hidden, older name of fs's flag name (one
// meaning per flag name: a renamed flag keeps working). Giving old sets
// name; giving both with different values, on the command line or in a
// config file, is an error (a usage error from Parse); Parameters records
// name only.
func Alias(fs *pflag.FlagSet, old, name string) {
	target := fs.Lookup(name)
	if target == nil {
		panic("cmdline: an alias of no flag: " + name) // a bug in the command
	}
	fs.Var(&alias{fs: fs, old: old, target: target}, old, "old name of --"+name)
	fs.Lookup(old).NoOptDefVal = target.NoOptDefVal // a boolean stays one
	fs.MarkHidden(old)
}

// alias is the value of an old flag name.
type alias struct {
	fs     *pflag.FlagSet
	old    string
	target *pflag.Flag
	value  string // the target's value as the alias set it
	set    bool
	// conflict: the target was given first, with another value
	conflict bool
}

func (a *alias) String() string { return a.target.Value.String() }
func (a *alias) Type() string   { return a.target.Value.Type() }

func (a *alias) Set(s string) error {
	given := a.target.Changed && !a.set // the new name came first
	before := a.target.Value.String()
	if err := a.fs.Set(a.target.Name, s); err != nil {
		return err
	}
	a.value, a.set = a.target.Value.String(), true
	a.conflict = a.conflict || given && before != a.value
	return nil
}

func (a *alias) disagree() error {
	return Usagef("--%s and --%s disagree; give one", a.old, a.target.Name)
}

// checkAliases refuses an alias whose target was given another value,
// before or after it (Parse calls it).
func checkAliases(fs *pflag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if a, ok := f.Value.(*alias); ok && a.set && err == nil && (a.conflict || a.target.Value.String() != a.value) {
			err = a.disagree()
		}
	})
	return err
}

// aliasOf is the flag an alias names, or f itself.
func aliasOf(f *pflag.Flag) *pflag.Flag {
	if a, ok := f.Value.(*alias); ok {
		return a.target
	}
	return f
}
