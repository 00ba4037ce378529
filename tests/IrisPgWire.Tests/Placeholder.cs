namespace IrisPgWire.Tests;
