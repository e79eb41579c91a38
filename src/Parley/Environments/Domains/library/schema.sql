CREATE TABLE members (
  member_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  card_number TEXT NOT NULL,
  phone TEXT NOT NULL,
  membership TEXT NOT NULL CHECK (membership IN ('adult', 'student', 'senior')),
  home_branch TEXT NOT NULL CHECK (home_branch IN ('Central', 'Riverside', 'Northgate', 'Elm Park')),
  joined_on TEXT NOT NULL
);
CREATE TABLE books (
  book_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  genre TEXT NOT NULL CHECK (genre IN ('fiction', 'mystery', 'science fiction', 'history', 'biography', 'children', 'cookery', 'travel', 'nature')),
  published_year INTEGER NOT NULL CHECK (published_year BETWEEN 1900 AND 2025),
  replacement_cost REAL NOT NULL CHECK (replacement_cost > 0)
);
CREATE TABLE copies (
  copy_id INTEGER PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES books(book_id),
  branch TEXT NOT NULL CHECK (branch IN ('Central', 'Riverside', 'Northgate', 'Elm Park')),
  status TEXT NOT NULL CHECK (status IN ('available', 'on_loan', 'in_repair', 'lost'))
);
CREATE TABLE loans (
  loan_id INTEGER PRIMARY KEY,
  copy_id INTEGER NOT NULL REFERENCES copies(copy_id),
  member_id INTEGER NOT NULL REFERENCES members(member_id),
  loaned_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  returned_on TEXT,
  renewals INTEGER NOT NULL DEFAULT 0 CHECK (renewals BETWEEN 0 AND 2),
  status TEXT NOT NULL CHECK (status IN ('active', 'returned', 'lost'))
);
CREATE TABLE holds (
  hold_id INTEGER PRIMARY KEY,
  book_id INTEGER NOT NULL REFERENCES books(book_id),
  member_id INTEGER NOT NULL REFERENCES members(member_id),
  placed_on TEXT NOT NULL,
  pickup_branch TEXT NOT NULL CHECK (pickup_branch IN ('Central', 'Riverside', 'Northgate', 'Elm Park')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'ready', 'collected', 'cancelled'))
);
CREATE TABLE fines (
  fine_id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(member_id),
  loan_id INTEGER NOT NULL REFERENCES loans(loan_id),
  reason TEXT NOT NULL CHECK (reason IN ('overdue', 'damaged item', 'lost item')),
  amount REAL NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'waived')),
  issued_on TEXT NOT NULL,
  paid_on TEXT,
  paid_with TEXT
);
