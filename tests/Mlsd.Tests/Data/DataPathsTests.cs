using Mlsd.Data;

namespace Mlsd.Tests.Data;

public class DataPathsTests
{
    [Fact]
    public void Root_IsTheRepositoryDataFolder()
    {
        string root = DataPaths.Root;
        Assert.True(File.Exists(Path.Combine(root, "README.md")));
        Assert.Equal("data", Path.GetFileName(root));
        Assert.True(Directory.Exists(Path.Combine(root, "..", "lib", "Mlsd")), "the data folder sits at the repository root");
    }

    [Fact]
    public void FindFrom_NestedNotebookFolder_WalksUpToData()
    {
        string repo = Path.Combine(Path.GetTempPath(), "mlsd-find-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(repo, "data"));
            File.WriteAllText(Path.Combine(repo, "data", "README.md"), "# catalogue\n");
            string nested = Path.Combine(repo, "notebooks", "solutions", "deeper");
            Directory.CreateDirectory(nested);
            Assert.Equal(Path.Combine(repo, "data"), DataPaths.FindFrom(nested));
            Assert.Equal(Path.Combine(repo, "data"), DataPaths.FindFrom(repo));
        }
        finally { Directory.Delete(repo, recursive: true); }
    }

    [Fact]
    public void FindFrom_RealRepoSubfolder_FindsRealData()
    {
        string root = DataPaths.Root;
        Assert.Equal(root, DataPaths.FindFrom(Path.Combine(root, "..", "lib", "Mlsd", "Data")));
    }

    [Fact]
    public void FindFrom_NoDataAbove_ReturnsNull()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlsd-nodata-" + Guid.NewGuid().ToString("N"), "a", "b");
        Directory.CreateDirectory(dir);
        try { Assert.Null(DataPaths.FindFrom(dir)); }
        finally { Directory.Delete(Path.GetFullPath(Path.Combine(dir, "..", "..")), recursive: true); }
    }

    [Fact]
    public void EnvironmentValue_AcceptsDataFolderOrItsParent_AndRejectsOthers()
    {
        using var temp = new TempDataRoot();
        Assert.Equal(temp.Root, DataPaths.FromEnvironment(temp.Root));
        Assert.Equal(temp.Root, DataPaths.FromEnvironment(temp.Repo));
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataPaths.FromEnvironment(Path.Combine(temp.Repo, "nope")));
        Assert.Contains("MLSD_DATA", e.Message);
    }

    [Fact]
    public void UseRoot_OverridesAndRestores()
    {
        string real = DataPaths.Root;
        using (var temp = new TempDataRoot())
            Assert.Equal(temp.Root, DataPaths.Root);
        Assert.Equal(real, DataPaths.Root);
    }

    [Fact]
    public void UseRoot_FolderWithoutReadme_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DataPaths.UseRoot(Path.GetTempPath()));
        Assert.Contains("README.md", e.Message);
    }

    [Fact]
    public void Resolve_MissingFile_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => DataPaths.Resolve("nowhere/missing.csv"));
        Assert.Contains("nowhere/missing.csv", e.Message);
    }

    [Fact]
    public void Resolve_AbsolutePath_Rejected() =>
        Assert.Throws<ArgumentException>(() => DataPaths.Resolve(Path.GetFullPath("/etc/passwd")));
}
