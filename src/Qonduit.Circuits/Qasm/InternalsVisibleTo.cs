using System.Runtime.CompilerServices;

// The built-in include texts are the oracle the tests check phase conventions against.
[assembly: InternalsVisibleTo("Qonduit.Circuits.Tests")]
