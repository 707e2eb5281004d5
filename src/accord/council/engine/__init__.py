"""The council's rules as pure Python: the silence procedure, agendas, legal bases."""
