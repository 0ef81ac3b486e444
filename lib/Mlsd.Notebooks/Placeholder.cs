namespace Mlsd.Notebooks; internal static class Placeholder { }
