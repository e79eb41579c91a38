using Microsoft.Data.Sqlite;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A small Spider-like database (concert_singer: stadiums, singers, concerts, who sang where), written to a SQLite file
/// or a SQL script, and a model's replies for designing tools over it.
/// </summary>
public static class ConcertSinger
{
    public const string Ddl = """
        CREATE TABLE stadium (Stadium_ID INTEGER PRIMARY KEY, Location TEXT, Name TEXT, Capacity INTEGER, Average INTEGER);
        CREATE TABLE singer (Singer_ID INTEGER PRIMARY KEY, Name TEXT, Country TEXT, Song_Name TEXT, Age INTEGER);
        CREATE TABLE concert (concert_ID INTEGER PRIMARY KEY, concert_Name TEXT, Theme TEXT, Stadium_ID INTEGER REFERENCES stadium(Stadium_ID), Year TEXT);
        CREATE TABLE singer_in_concert (concert_ID INTEGER REFERENCES concert(concert_ID), Singer_ID INTEGER REFERENCES singer(Singer_ID), PRIMARY KEY (concert_ID, Singer_ID));
        """;

    public const string Inserts = """
        INSERT INTO stadium VALUES (1, 'Raith Rovers', 'Stark''s Park', 10104, 2106), (2, 'Ayr United', 'Somerset Park', 11998, 1477), (3, 'East Fife', 'Bayview Stadium', 2000, 864);
        INSERT INTO singer VALUES (1, 'Joe Sharp', 'Netherlands', 'You', 52), (2, 'Timbaland', 'United States', 'Dangerous', 32), (3, 'Justin Brown', 'France', 'Hey Oh', 29), (4, 'Rose White', 'France', 'Sun', 41);
        INSERT INTO concert VALUES (1, 'Auditions', 'Free choice', 1, '2014'), (2, 'Super bootcamp', 'Free choice 2', 2, '2014'), (3, 'Home Visits', 'Bleeding Love', 2, '2015'), (4, 'Week 1', 'Wide Awake', 3, '2014');
        INSERT INTO singer_in_concert VALUES (1, 2), (1, 3), (2, 1), (3, 2), (3, 4), (4, 4);
        """;

    /// <summary>Writes the database (schema and rows) to a SQLite file in <paramref name="folder"/>.</summary>
    public static string WriteDatabase(TempDirectory folder)
    {
        var path = folder.Combine("concert_singer.sqlite");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Ddl + Inserts;
            command.ExecuteNonQuery();
        }
        return path;
    }

    public const string Questions = """
        {"description": "A concert venue's information desk: who sings in which concert, at which stadium.",
         "questions": ["Which singers perform in the Auditions concert?", "How big is Somerset Park?", "Are there French singers?", "Add Rose White to Super bootcamp.",
                       "Which stadium has the most seats?", "When did Justin Brown join?", "Who is the youngest singer?", "Which concerts happen in 2014?",
                       "Remove Tribal King from the Home Visits concert.", "How many singers are in each concert?", "Which stadium hosts Week 1?",
                       "List the singers from the Netherlands.", "What is the average stadium capacity?", "Which songs were released after 2010?",
                       "Move the Auditions concert to Balmoor.", "Who sang Love?", "Which concerts have no singers yet?", "What theme is the Party concert?",
                       "Add a new singer, Ana Ruiz from Spain, aged 29.", "Is Joe Sharp in any concert?"]}
        """;

    public const string Tools = """
        {"tools": [
          {"name": "get_stadium", "description": "One stadium.", "parameters": [{"name": "stadium_id", "type": "integer", "description": "stadium id", "enum": null, "required": true}]},
          {"name": "search_singers", "description": "Singers from a country.", "parameters": [{"name": "country", "type": "string", "description": "country", "enum": null, "required": true}]},
          {"name": "list_concert_singers", "description": "Who sings in a concert.", "parameters": [{"name": "concert_id", "type": "integer", "description": "concert id", "enum": null, "required": true}]}
        ]}
        """;

    public const string Expansion = """
        {"analysis": "Nobody can add a singer to a concert.",
         "tools": [{"name": "add_singer_to_concert", "description": "Add a singer to a concert's line-up.", "parameters": [{"name": "concert_id", "type": "integer", "description": "concert id", "enum": null, "required": true}, {"name": "singer_id", "type": "integer", "description": "singer id", "enum": null, "required": true}]}]}
        """;

    public const string Implementation = """
        {"tools": [
          {"name": "get_stadium", "description": "One stadium.", "parameters": [{"name": "stadium_id", "type": "integer", "description": "stadium id", "enum": null, "required": true}], "access": "read", "returns": "one", "sql": ["SELECT Stadium_ID AS stadium_id, Name AS name, Location AS location, Capacity AS capacity FROM stadium WHERE Stadium_ID = :stadium_id"], "preconditions": [], "result_columns": [{"name": "stadium_id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "capacity", "type": "integer"}], "example_arguments": [{"name": "stadium_id", "value": 2}]},
          {"name": "search_singers", "description": "Singers from a country.", "parameters": [{"name": "country", "type": "string", "description": "country", "enum": null, "required": true}], "access": "read", "returns": "many", "sql": ["SELECT Singer_ID AS singer_id, Name AS name, Age AS age FROM singer WHERE Country = :country ORDER BY Name"], "preconditions": [], "result_columns": [{"name": "singer_id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "age", "type": "integer"}], "example_arguments": [{"name": "country", "value": "France"}]},
          {"name": "list_concert_singers", "description": "Who sings in a concert.", "parameters": [{"name": "concert_id", "type": "integer", "description": "concert id", "enum": null, "required": true}], "access": "read", "returns": "many", "sql": ["SELECT s.Singer_ID AS singer_id, s.Name AS name FROM singer_in_concert sc JOIN singer s ON s.Singer_ID = sc.Singer_ID WHERE sc.concert_ID = :concert_id ORDER BY s.Name"], "preconditions": [], "result_columns": [], "example_arguments": [{"name": "concert_id", "value": 1}]},
          {"name": "add_singer_to_concert", "description": "Add a singer to a concert's line-up.", "parameters": [{"name": "concert_id", "type": "integer", "description": "concert id", "enum": null, "required": true}, {"name": "singer_id", "type": "integer", "description": "singer id", "enum": null, "required": true}], "access": "write", "returns": "none", "sql": ["INSERT INTO singer_in_concert (concert_ID, Singer_ID) VALUES (:concert_id, :singer_id)"], "preconditions": [{"sql": "SELECT NOT EXISTS (SELECT 1 FROM singer_in_concert WHERE concert_ID = :concert_id AND Singer_ID = :singer_id)", "message": "Singer {singer_id} is already in concert {concert_id}.", "error": null}], "result_columns": [], "example_arguments": [{"name": "concert_id", "value": 2}, {"name": "singer_id", "value": 4}]}
        ]}
        """;

    public const string Usage = """{"principal": null, "policy": "- Answer from the database only.\n- Confirm a line-up change before making it.", "scenarios": []}""";

    /// <summary>The usage stage's reply when there is no draft to keep scenarios from: the schema asks for at least three.</summary>
    public const string FreshUsage = """
        {"principal": null, "policy": "- Answer from the database only.", "scenarios": [{"id": "singers_from_country_1", "goal": "You want to know which singers come from {country}.", "difficulty": "easy", "sample": "SELECT DISTINCT Country AS country FROM singer", "knows": ["country"], "choices": [], "requests": [{"goal": "List the singers from {country}.", "say": ["Which singers come from {country}?", "Who are the singers from {country}?"], "calls": [{"tool": "search_singers", "args": [{"name": "country", "value": "{country}"}]}]}]}, {"id": "singers_from_country_2", "goal": "You want to know which singers come from {country}.", "difficulty": "medium", "sample": "SELECT DISTINCT Country AS country FROM singer", "knows": ["country"], "choices": [], "requests": [{"goal": "List the singers from {country}.", "say": ["Which singers come from {country}?", "Who are the singers from {country}?"], "calls": [{"tool": "search_singers", "args": [{"name": "country", "value": "{country}"}]}]}]}, {"id": "singers_from_country_3", "goal": "You want to know which singers come from {country}.", "difficulty": "hard", "sample": "SELECT DISTINCT Country AS country FROM singer", "knows": ["country"], "choices": [], "requests": [{"goal": "List the singers from {country}.", "say": ["Which singers come from {country}?", "Who are the singers from {country}?"], "calls": [{"tool": "search_singers", "args": [{"name": "country", "value": "{country}"}]}]}]}]}
        """;

    /// <summary>Rows for the empty schema (the reply to the rows stage).</summary>
    public const string Rows = """
        {"data": [
          {"table": "stadium", "columns": ["Stadium_ID", "Location", "Name", "Capacity", "Average"], "rows": [[1, "Kirkcaldy", "Stark's Park", 10104, 2106], [2, "Ayr", "Somerset Park", 11998, 1477]]},
          {"table": "singer", "columns": ["Singer_ID", "Name", "Country", "Song_Name", "Age"], "rows": [[1, "Joe Sharp", "Netherlands", "You", 52], [4, "Rose White", "France", "Sun", 41]]},
          {"table": "concert", "columns": ["concert_ID", "concert_Name", "Theme", "Stadium_ID", "Year"], "rows": [[1, "Auditions", "Free choice", 1, "2014"], [2, "Super bootcamp", "Free choice 2", 2, "2014"]]},
          {"table": "singer_in_concert", "columns": ["concert_ID", "Singer_ID"], "rows": [[1, 1], [1, 4]]}
        ]}
        """;

    /// <summary>The replies after stage 2, in order.</summary>
    public static IReadOnlyList<string> ToolStages => [Tools, Expansion, Implementation, Usage];
}
