"""What lecturers who write content use: finding the course's parts (:mod:`~lcai.authoring.course`), checking
them against the course design (:mod:`~lcai.authoring.lint`), notebooks (:mod:`~lcai.authoring.notebooks`) and
the book (:mod:`~lcai.authoring.book`)."""
