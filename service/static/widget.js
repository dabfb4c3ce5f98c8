// widget komt met issue 5
