print("medconform")
