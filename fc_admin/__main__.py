from fc_admin.cli import main

raise SystemExit(main())
