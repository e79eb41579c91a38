namespace Parley.Design;

/// <summary>A single-column foreign key of a brought table.</summary>
internal sealed record ForeignKeyProfile(string Column, string Parent, string ParentColumn);
