from labourgraph.cli import main

main()
