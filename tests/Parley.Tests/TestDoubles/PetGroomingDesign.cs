namespace Parley.Tests.TestDoubles;

/// <summary>
/// A model's replies to the six stages of designing a small "pet grooming" environment, as the designer asks for
/// them; tests replay them through a <see cref="ScriptedChatClient"/>, whole or with one reply altered.
/// </summary>
public static class PetGroomingDesign
{
    public const string Questions = """
        {"description": "A pet grooming salon's booking desk: owners book, check and cancel grooming appointments for their pets.",
         "questions": ["Can I book a full groom for Biscuit next Friday?", "What does a nail trim cost?", "Please cancel Rex's bath on the 20th.",
                       "Which appointments does Luna have coming up?", "Is my booking for Mochi still on?", "Can you move Biscuit's groom to the 23rd?",
                       "How long does a full groom take?", "Do you groom cats as well as dogs?", "I'm maya.lopez@example.com, what have I booked?",
                       "Book a bath and a nail trim for Rex on 2025-06-20.", "Why was I charged 45 for Luna's last visit?", "Can I book for a pet I have not registered yet?",
                       "Change the phone number on my account to 555-0199.", "Cancel everything booked for Mochi this month.", "Is there an opening on Sunday?",
                       "What was the price of Biscuit's groom in May?", "Add my new puppy Pepper, a Corgi, to my account.", "Which of my pets is due for a groom?",
                       "Please rebook Rex's cancelled bath.", "Book a groom for appointment 999, the one from last week."]}
        """;

    public const string Schema = """
        {"today": "2025-06-15",
         "schema": "CREATE TABLE owners (owner_id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, phone TEXT NOT NULL);\nCREATE TABLE pets (pet_id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners(owner_id), name TEXT NOT NULL, species TEXT NOT NULL, breed TEXT);\nCREATE TABLE services (service_id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL NOT NULL, minutes INTEGER NOT NULL);\nCREATE TABLE appointments (appointment_id INTEGER PRIMARY KEY, pet_id INTEGER NOT NULL REFERENCES pets(pet_id), service_id INTEGER NOT NULL REFERENCES services(service_id), date TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('booked', 'done', 'cancelled')), price REAL NOT NULL);",
         "data": [
          {"table": "owners", "columns": ["owner_id", "name", "email", "phone"], "rows": [[1, "Maya Lopez", "maya.lopez@example.com", "555-0101"], [2, "Tom Baker", "tom.baker@example.com", "555-0102"], [3, "Ana Silva", "ana.silva@example.com", "555-0103"]]},
          {"table": "pets", "columns": ["pet_id", "owner_id", "name", "species", "breed"], "rows": [[1, 1, "Biscuit", "dog", "Beagle"], [2, 1, "Mochi", "cat", "Siamese"], [3, 2, "Rex", "dog", "Boxer"], [4, 3, "Luna", "dog", "Poodle"]]},
          {"table": "services", "columns": ["service_id", "name", "price", "minutes"], "rows": [[1, "Bath and brush", 35.0, 45], [2, "Full groom", 65.0, 90], [3, "Nail trim", 15.0, 15]]},
          {"table": "appointments", "columns": ["appointment_id", "pet_id", "service_id", "date", "status", "price"], "rows": [[1, 1, 2, "2025-06-20", "booked", 65.0], [2, 3, 1, "2025-06-10", "done", 35.0], [3, 4, 3, "2025-06-22", "booked", 15.0], [4, 2, 1, "2025-06-01", "cancelled", 35.0], [5, 3, 2, "2025-06-27", "booked", 65.0]]}
        ]}
        """;

    public const string Tools = """
        {"tools": [
          {"name": "find_owner_by_email", "description": "Find an owner's account by email.", "parameters": [{"name": "email", "type": "string", "description": "email", "enum": null, "required": true}]},
          {"name": "list_owner_pets", "description": "List an owner's pets.", "parameters": [{"name": "owner_id", "type": "integer", "description": "owner id", "enum": null, "required": true}]},
          {"name": "list_services", "description": "List the salon's services with prices.", "parameters": []},
          {"name": "list_pet_appointments", "description": "List a pet's appointments.", "parameters": [{"name": "pet_id", "type": "integer", "description": "pet id", "enum": null, "required": true}, {"name": "status", "type": "string", "description": "status", "enum": ["booked", "done", "cancelled"], "required": false}]},
          {"name": "book_appointment", "description": "Book a service for a pet.", "parameters": [{"name": "pet_id", "type": "integer", "description": "pet id", "enum": null, "required": true}, {"name": "service_id", "type": "integer", "description": "service id", "enum": null, "required": true}, {"name": "date", "type": "string", "description": "date", "enum": null, "required": true}]},
          {"name": "cancel_appointment", "description": "Cancel a booked appointment.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}]}
        ]}
        """;

    public const string Expansion = """
        {"analysis": "Owners can list appointments but not look one up by its number.",
         "tools": [{"name": "get_appointment", "description": "Get one appointment by its number.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}]}]}
        """;

    public const string CancelSql = "UPDATE appointments SET status = 'cancelled' WHERE appointment_id = :appointment_id";

    public const string Implementation = """
        {"tools": [
          {"name": "find_owner_by_email", "description": "Find an owner's account by email.", "parameters": [{"name": "email", "type": "string", "description": "email", "enum": null, "required": true}], "access": "read", "returns": "one", "sql": ["SELECT owner_id, name, email, phone FROM owners WHERE email = :email COLLATE NOCASE"], "preconditions": [], "result_columns": [{"name": "owner_id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "email", "type": "string"}, {"name": "phone", "type": "string"}], "example_arguments": [{"name": "email", "value": "maya.lopez@example.com"}]},
          {"name": "list_owner_pets", "description": "List an owner's pets.", "parameters": [{"name": "owner_id", "type": "integer", "description": "owner id", "enum": null, "required": true}], "access": "read", "returns": "many", "sql": ["SELECT pet_id, name, species, breed FROM pets WHERE owner_id = :owner_id ORDER BY pet_id"], "preconditions": [], "result_columns": [{"name": "pet_id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "species", "type": "string"}, {"name": "breed", "type": "string"}], "example_arguments": [{"name": "owner_id", "value": 1}]},
          {"name": "list_services", "description": "List the salon's services with prices.", "parameters": [], "access": "read", "returns": "many", "sql": ["SELECT service_id, name, price, minutes FROM services ORDER BY price"], "preconditions": [], "result_columns": [{"name": "service_id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "price", "type": "number"}, {"name": "minutes", "type": "integer"}], "example_arguments": []},
          {"name": "list_pet_appointments", "description": "List a pet's appointments, newest first.", "parameters": [{"name": "pet_id", "type": "integer", "description": "pet id", "enum": null, "required": true}, {"name": "status", "type": "string", "description": "status", "enum": ["booked", "done", "cancelled"], "required": false}], "access": "read", "returns": "many", "sql": ["SELECT a.appointment_id, s.name AS service_name, a.date, a.status, a.price FROM appointments a JOIN services s ON s.service_id = a.service_id WHERE a.pet_id = :pet_id AND (:status IS NULL OR a.status = :status) ORDER BY a.date DESC"], "preconditions": [], "result_columns": [{"name": "appointment_id", "type": "integer"}, {"name": "service_name", "type": "string"}, {"name": "date", "type": "string"}, {"name": "status", "type": "string"}, {"name": "price", "type": "number"}], "example_arguments": [{"name": "pet_id", "value": 1}]},
          {"name": "book_appointment", "description": "Book a service for a pet on a date from today on.", "parameters": [{"name": "pet_id", "type": "integer", "description": "pet id", "enum": null, "required": true}, {"name": "service_id", "type": "integer", "description": "service id", "enum": null, "required": true}, {"name": "date", "type": "string", "description": "date", "enum": null, "required": true}], "access": "write", "returns": "one", "sql": ["INSERT INTO appointments (pet_id, service_id, date, status, price) SELECT :pet_id, service_id, :date, 'booked', price FROM services WHERE service_id = :service_id", "SELECT appointment_id, pet_id, service_id, date, status, price FROM appointments WHERE appointment_id = last_insert_rowid()"], "preconditions": [{"sql": "SELECT 1 FROM pets WHERE pet_id = :pet_id", "message": "There is no pet {pet_id}.", "error": "no_rows"}, {"sql": "SELECT 1 FROM services WHERE service_id = :service_id", "message": "There is no service {service_id}.", "error": "no_rows"}, {"sql": "SELECT :date >= :today", "message": "Appointments can only be booked from today on.", "error": null}], "result_columns": [{"name": "appointment_id", "type": "integer"}, {"name": "pet_id", "type": "integer"}, {"name": "service_id", "type": "integer"}, {"name": "date", "type": "string"}, {"name": "status", "type": "string"}, {"name": "price", "type": "number"}], "example_arguments": [{"name": "pet_id", "value": 1}, {"name": "service_id", "value": 3}, {"name": "date", "value": "2025-06-25"}]},
          {"name": "cancel_appointment", "description": "Cancel a booked appointment.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}], "access": "write", "returns": "one", "sql": ["UPDATE appointments SET status = 'cancelled' WHERE appointment_id = :appointment_id", "SELECT appointment_id, status, price FROM appointments WHERE appointment_id = :appointment_id"], "preconditions": [{"sql": "SELECT 1 FROM appointments WHERE appointment_id = :appointment_id", "message": "There is no appointment {appointment_id}.", "error": "no_rows"}, {"sql": "SELECT status = 'booked' FROM appointments WHERE appointment_id = :appointment_id", "message": "Appointment {appointment_id} is not booked, so it cannot be cancelled.", "error": null}], "result_columns": [{"name": "appointment_id", "type": "integer"}, {"name": "status", "type": "string"}, {"name": "price", "type": "number"}], "example_arguments": [{"name": "appointment_id", "value": 1}]},
          {"name": "get_appointment", "description": "Get one appointment by its number.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}], "access": "read", "returns": "one", "sql": ["SELECT a.appointment_id, p.name AS pet_name, s.name AS service_name, a.date, a.status, a.price FROM appointments a JOIN pets p ON p.pet_id = a.pet_id JOIN services s ON s.service_id = a.service_id WHERE a.appointment_id = :appointment_id"], "preconditions": [], "result_columns": [{"name": "appointment_id", "type": "integer"}, {"name": "pet_name", "type": "string"}, {"name": "service_name", "type": "string"}, {"name": "date", "type": "string"}, {"name": "status", "type": "string"}, {"name": "price", "type": "number"}], "example_arguments": [{"name": "appointment_id", "value": 3}]}
        ]}
        """;

    public const string Usage = """
        {"principal": {"sql": "SELECT owner_id, name, email, phone FROM owners WHERE owner_id IN (SELECT p.owner_id FROM pets p JOIN appointments a ON a.pet_id = p.pet_id WHERE a.status = 'booked')", "knows": ["name", "email", "phone"]},
         "policy": "- Identify the owner by the email on their account first.\n- Only booked appointments can be cancelled.\n- Confirm every change before making it.",
         "scenarios": [
          {"id": "cancel_booked_appointment", "goal": "You want to cancel {pet_name}'s {service_name} appointment on {date}.", "difficulty": "medium", "sample": "SELECT a.appointment_id, a.date, p.pet_id, p.name AS pet_name, s.name AS service_name FROM appointments a JOIN pets p ON p.pet_id = a.pet_id JOIN services s ON s.service_id = a.service_id WHERE p.owner_id = :owner_id AND a.status = 'booked'", "knows": ["pet_name", "service_name", "date"], "choices": [], "requests": [{"goal": "See {pet_name}'s upcoming appointments.", "say": ["Could you check {pet_name}'s upcoming appointments?", "What has {pet_name} got booked?"], "calls": [{"tool": "find_owner_by_email", "args": [{"name": "email", "value": "{email}"}]}, {"tool": "list_owner_pets", "args": [{"name": "owner_id", "value": "$owner_id"}]}, {"tool": "list_pet_appointments", "args": [{"name": "pet_id", "value": "{pet_id}"}, {"name": "status", "value": "booked"}]}]}, {"goal": "Cancel the appointment on {date}.", "say": ["Please cancel the one on {date}.", "I'd like to cancel the {date} appointment."], "calls": [{"tool": "cancel_appointment", "args": [{"name": "appointment_id", "value": "{appointment_id}"}]}]}]},
          {"id": "cancel_groom", "goal": "You want to cancel {pet_name}'s {service_name} appointment on {date}.", "difficulty": "easy", "sample": "SELECT a.appointment_id, a.date, p.pet_id, p.name AS pet_name, s.name AS service_name FROM appointments a JOIN pets p ON p.pet_id = a.pet_id JOIN services s ON s.service_id = a.service_id WHERE p.owner_id = :owner_id AND a.status = 'booked'", "knows": ["pet_name", "service_name", "date"], "choices": [], "requests": [{"goal": "See {pet_name}'s upcoming appointments.", "say": ["Could you check {pet_name}'s upcoming appointments?", "What has {pet_name} got booked?"], "calls": [{"tool": "find_owner_by_email", "args": [{"name": "email", "value": "{email}"}]}, {"tool": "list_owner_pets", "args": [{"name": "owner_id", "value": "$owner_id"}]}, {"tool": "list_pet_appointments", "args": [{"name": "pet_id", "value": "{pet_id}"}, {"name": "status", "value": "booked"}]}]}, {"goal": "Cancel the appointment on {date}.", "say": ["Please cancel the one on {date}.", "I'd like to cancel the {date} appointment."], "calls": [{"tool": "cancel_appointment", "args": [{"name": "appointment_id", "value": "{appointment_id}"}]}]}]},
          {"id": "check_then_cancel", "goal": "You want to cancel {pet_name}'s {service_name} appointment on {date}.", "difficulty": "hard", "sample": "SELECT a.appointment_id, a.date, p.pet_id, p.name AS pet_name, s.name AS service_name FROM appointments a JOIN pets p ON p.pet_id = a.pet_id JOIN services s ON s.service_id = a.service_id WHERE p.owner_id = :owner_id AND a.status = 'booked'", "knows": ["pet_name", "service_name", "date"], "choices": [], "requests": [{"goal": "See {pet_name}'s upcoming appointments.", "say": ["Could you check {pet_name}'s upcoming appointments?", "What has {pet_name} got booked?"], "calls": [{"tool": "find_owner_by_email", "args": [{"name": "email", "value": "{email}"}]}, {"tool": "list_owner_pets", "args": [{"name": "owner_id", "value": "$owner_id"}]}, {"tool": "list_pet_appointments", "args": [{"name": "pet_id", "value": "{pet_id}"}, {"name": "status", "value": "booked"}]}]}, {"goal": "Cancel the appointment on {date}.", "say": ["Please cancel the one on {date}.", "I'd like to cancel the {date} appointment."], "calls": [{"tool": "cancel_appointment", "args": [{"name": "appointment_id", "value": "{appointment_id}"}]}]}]}
        ]}
        """;

    /// <summary>The six stage replies in order.</summary>
    public static IReadOnlyList<string> Stages(string? implementation = null) => [Questions, Schema, Tools, Expansion, implementation ?? Implementation, Usage];

    /// <summary>A client scripted with <paramref name="replies"/>, in order.</summary>
    public static ScriptedChatClient Client(IEnumerable<string> replies)
    {
        var client = new ScriptedChatClient();
        foreach (var reply in replies) client.Reply(reply);
        return client;
    }

    /// <summary>A repair reply that replaces the cancel tool with one whose update runs <paramref name="sql"/>.</summary>
    public static string CancelRepair(string sql) => ToolRepair("""
        {"name": "cancel_appointment", "description": "Cancel a booked appointment.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}], "access": "write", "returns": "one", "sql": ["SQL_HERE", "SELECT appointment_id, status, price FROM appointments WHERE appointment_id = :appointment_id"], "preconditions": [], "result_columns": [{"name": "appointment_id", "type": "integer"}, {"name": "status", "type": "string"}, {"name": "price", "type": "number"}], "example_arguments": [{"name": "appointment_id", "value": 1}]}
        """.Replace("SQL_HERE", sql, StringComparison.Ordinal));

    /// <summary>A repair reply that only replaces tools: <paramref name="tools"/> is the JSON of one tool object.</summary>
    public static string ToolRepair(string tools) =>
        $$"""{"tools": [{{tools}}], "remove_tools": [], "schema": null, "data": null, "principal": null, "policy": null, "scenarios": null}""";
}
