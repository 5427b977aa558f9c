using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Tests.Security;

public sealed class CallerContextTests
{
    [Fact]
    public void A_scope_sets_the_caller_and_restores_the_previous_one()
    {
        var outer = new Caller("k1", "alice", "growth", Role.Experimenter);
        var inner = new Caller("k2", "root", null, Role.Admin);
        Assert.Null(CallerContext.Current);
        using (CallerContext.Use(outer))
        {
            Assert.Equal(outer, CallerContext.Current);
            using (CallerContext.Use(inner)) Assert.Equal(inner, CallerContext.Current);
            Assert.Equal(outer, CallerContext.Current);
        }
        Assert.Null(CallerContext.Current);
    }

    [Theory]
    [InlineData(null, Role.Admin, "growth", true)]
    [InlineData("growth", Role.Admin, "growth", true)]
    [InlineData("growth", Role.Admin, "search", false)]
    [InlineData("growth", Role.Experimenter, "growth", true)]
    [InlineData("growth", Role.Experimenter, "search", false)]
    [InlineData(null, Role.Viewer, "growth", false)]
    public void A_key_acts_for_its_own_team_and_only_the_global_admin_for_every_team(string? team, Role role, string target, bool expected) =>
        Assert.Equal(expected, new Caller("k", "u", team, role).ActsFor(target));
}
